#include "cli/context.hpp"

#include <cmath>
#include <filesystem>

#include "cli/node_module.hpp"
#include "cli/unit_cache_file.hpp"
#include "core/errors.hpp"
#include "core/history_choice.hpp"
#include "core/source.hpp"
#include "core/unit_cache.hpp"
#include "core/wait.hpp"
#include "dialect/declarative_reader.hpp"
#include "dialect/node/js_unit_reader.hpp"
#include "dialect/registry.hpp"
#include "util/logging.hpp"

namespace forge::cli {

core::Settings load_settings(const GlobalOptions& options) {
  core::Settings settings =
      core::resolve_settings(options.flags, core::process_environment(),
                             std::filesystem::current_path(), node_evaluator());
  if (settings.config_path) {
    util::log_info("Loaded configuration file \"{}\".", settings.config_path->string());
  }
  util::log_info("Using environment \"{}\".", settings.environment);
  return settings;
}

namespace {
std::chrono::milliseconds to_millis(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(std::llround(seconds * 1000)));
}
}  // namespace

std::unique_ptr<core::Connection> connect_waiting(const core::DatabaseUrl& url,
                                                  std::chrono::milliseconds patience,
                                                  const dialect::SessionOptions& options) {
  return core::connect_with_retry([&] { return dialect::connect(url, options); }, patience,
                                  core::sleep_for);
}

dialect::SessionOptions session_options(const core::Settings& settings) {
  dialect::SessionOptions options;
  options.statement_timeout = to_millis(settings.statement_timeout);
  return options;
}

std::chrono::milliseconds wait_patience(const GlobalOptions& options) {
  return to_millis(options.wait_seconds.value_or(0));
}

std::vector<core::Unit> load_units_for(const std::filesystem::path& folder, core::Dialect dialect) {
  const std::shared_ptr<const declarative::SqlRenderer> renderer = dialect::renderer_for(dialect);
  // Units read through the cache keep their reader, to read their statements when needed.
  const auto reader = std::make_shared<const dialect::RenderingReader>(renderer);
  const auto scripts = std::make_shared<const dialect::JsUnitReader>(
      renderer, std::make_shared<dialect::NodeRuntime>());
  // What the unit files gave when last read, so a status over thousands of units reads none.
  const auto cache_path = unit_cache_path(folder, dialect);
  std::optional<core::UnitCache> cache;
  if (cache_path) {
    cache.emplace(*cache_path,
                  "forge " FORGE_VERSION " " + std::string(core::dialect_name(dialect)));
  }
  auto units = core::load_units(folder, dialect, reader, scripts, cache ? &*cache : nullptr);
  if (cache && cache->save()) prune_unit_caches(*cache_path);
  util::log_debug("{} units in {} for {}", units.size(), folder.string(),
                  core::dialect_name(dialect));
  return units;
}

namespace {
// The seeders folder is checked here: the loader's own message speaks of migrations.
const std::filesystem::path& seeders_folder(const core::Settings& settings) {
  std::error_code error;
  if (!std::filesystem::is_directory(settings.seeders_dir, error)) {
    throw ConfigError("seeders folder " + settings.seeders_dir.string() + " not found",
                      "Run 'forge init', or point --seeders-path (or \"seedersPath\" in the "
                      "config) at the folder.");
  }
  return settings.seeders_dir;
}
}  // namespace

const std::filesystem::path& unit_folder(const core::Settings& settings, UnitSet set) {
  return set == UnitSet::seeders ? seeders_folder(settings) : settings.migrations_dir;
}

Target open_target(const GlobalOptions& options, Session session, UnitSet set) {
  Target target;
  const bool seeders = set == UnitSet::seeders;
  if (const FleetTarget* member = options.fleet_target) {
    target.settings = member->settings;
    target.url = member->url;
    target.unit_set = member->units;
  } else {
    target.settings = load_settings(options);
    target.url = core::resolve_database_url(target.settings, core::process_environment());
    target.unit_set = std::make_shared<const std::vector<core::Unit>>(
        load_units_for(unit_folder(target.settings, set), target.url.dialect));
  }
  auto session_setup = session_options(target.settings);
  session_setup.writes = session == Session::live;
  if (session == Session::rehearsal) {
    target.connection = dialect::connect_rehearsal(target.url, session_setup);
  }
  target.rehearsal = target.connection != nullptr;
  if (session == Session::reading) target.connection = dialect::connect_reader(target.url);
  if (!target.connection) {
    target.connection = connect_waiting(target.url, wait_patience(options), session_setup);
  }
  util::log_debug("Connected to {}{}", target.url.redacted(),
                  target.rehearsal ? " (an in-memory copy, for the dry run)" : "");
  target.run.history_table = seeders
                                 ? target.settings.seed_table
                                 : core::choose_history_table(*target.connection, target.settings);
  target.run.lock_wait = to_millis(options.lock_timeout_seconds);
  return target;
}

}  // namespace forge::cli
