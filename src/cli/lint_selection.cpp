#include "cli/lint_selection.hpp"

#include <chrono>
#include <filesystem>
#include <set>

#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/unit_ref.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace forge::cli {

namespace {

std::optional<core::DatabaseUrl> configured_url(const core::Settings& settings) {
  if (!settings.url && !settings.config_path) return std::nullopt;
  return core::resolve_database_url(settings, core::process_environment());
}

core::Dialect dialect_of(const LintRequest& request, const std::optional<core::DatabaseUrl>& url) {
  if (!request.dialect.empty()) {
    if (auto dialect = core::parse_dialect(request.dialect)) return *dialect;
    throw UsageError("unknown --dialect " + request.dialect, "Use postgres, mysql or sqlite.");
  }
  if (url) return url->dialect;
  throw UsageError("forge lint needs to know which SQL to expect",
                   "Give --dialect postgres|mysql|sqlite, or a database URL (--url, DATABASE_URL "
                   "or the config file).");
}

// The file names `git diff` lists as added since `commit` under `folder`.
std::set<std::string> added_since(const std::string& commit, const std::filesystem::path& folder) {
  const auto result = util::run_process({"git", "diff", "--name-only", "--relative",
                                         "--diff-filter=A", commit, "--", folder.string()},
                                        std::chrono::seconds(60));
  if (result.not_found || result.exit_code != 0) {
    throw UsageError("--since " + commit + ": git diff failed" +
                         (result.not_found ? " (git not found)" : ": " + result.err),
                     "Run forge lint in a git checkout and name a commit that exists.");
  }
  std::set<std::string> names;
  for (const std::string& line : util::split(result.out, '\n')) {
    if (!util::trim(line).empty()) names.insert(std::filesystem::path(line).filename().string());
  }
  return names;
}

bool added(const core::Unit& unit, const std::set<std::string>& names) {
  for (const std::string& file : unit.files) {
    if (names.count(std::filesystem::path(file).filename().string())) return true;
  }
  return false;
}

// A read-only session whose rows refine the findings; these units need no database, so one that
// cannot be reached is only said (the findings then count no rows).
std::unique_ptr<core::Connection> live_session(const GlobalOptions& options) {
  try {
    return open_target(options, Session::reading).connection;
  } catch (const ConnectionError& error) {
    util::log_warn("the database cannot be reached, so the findings count no rows: {}",
                   error.what());
    return nullptr;
  }
}

void pick_referenced(LintSelection& selection, const std::vector<std::string>& references) {
  const core::Catalog catalog(*selection.loaded, {});
  for (const std::string& reference : references) {
    selection.units.push_back(core::resolve_unit_ref(catalog, reference).unit);
  }
}

void pick_pending(LintSelection& selection, const GlobalOptions& options) {
  Target target = open_target(options, Session::reading);
  const auto history = target.connection->read_history(target.run.history_table);
  selection.loaded = target.unit_set;
  selection.live = std::move(target.connection);
  const core::Catalog catalog(*selection.loaded, history);
  for (const auto& entry : catalog.entries()) {
    if (!entry.is_applied() && entry.has_file()) selection.units.push_back(entry.unit);
  }
  util::log_info("Linting the {} pending unit(s) of {}", selection.units.size(),
                 target.url.redacted());
}

}  // namespace

LintSelection select_lint_units(const GlobalOptions& options, const LintRequest& request) {
  // A fleet's database: its own settings, URL and the fleet's units, whatever --dialect says.
  const FleetTarget* member = options.fleet_target;
  const core::Settings settings = member ? member->settings : load_settings(options);
  const auto url = member                    ? std::optional<core::DatabaseUrl>(member->url)
                   : request.dialect.empty() ? configured_url(settings)
                                             : std::nullopt;
  LintSelection selection;
  selection.dialect = member ? member->url.dialect : dialect_of(request, url);
  const bool everything = request.all || request.since.size() || request.units.size();
  if (!everything && url) {
    pick_pending(selection, options);
    return selection;
  }
  selection.loaded = member ? member->units
                            : std::make_shared<const std::vector<core::Unit>>(
                                  load_units_for(settings.migrations_dir, selection.dialect));
  if (url) selection.live = live_session(options);
  if (!request.units.empty()) {
    pick_referenced(selection, request.units);
    return selection;
  }
  const auto since = request.since.empty() ? std::set<std::string>{}
                                           : added_since(request.since, settings.migrations_dir);
  for (const core::Unit& unit : *selection.loaded) {
    if (request.since.empty() || added(unit, since)) selection.units.push_back(&unit);
  }
  if (!everything) util::log_info("No database configured: linting every unit");
  return selection;
}

}  // namespace forge::cli
