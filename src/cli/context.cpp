#include "cli/context.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

#include "cli/node_module.hpp"
#include "cli/session_ahead.hpp"
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
  std::shared_ptr<core::UnitCache> cache;
  if (cache_path) {
    cache = std::make_shared<core::UnitCache>(
        *cache_path, "forge " FORGE_VERSION " " + std::string(core::dialect_name(dialect)));
  }
  auto units = core::load_units(folder, dialect, reader, scripts, cache);
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

namespace {

// The session `session` asks for: a dry run's throwaway copy or a read-only session where the
// dialect has one, else the database itself, retried for --wait while the server starts; and
// the history table of `set` there; then the command's first reads.
OpenedSession open_session(const core::Settings& settings, const core::DatabaseUrl& url,
                           Session session, UnitSet set, std::chrono::milliseconds patience,
                           const FirstReads& first_reads) {
  auto setup = session_options(settings);
  setup.writes = session == Session::live;
  OpenedSession opened;
  if (session == Session::rehearsal) opened.connection = dialect::connect_rehearsal(url, setup);
  opened.rehearsal = opened.connection != nullptr;
  if (session == Session::reading) opened.connection = dialect::connect_reader(url);
  if (!opened.connection) opened.connection = connect_waiting(url, patience, setup);
  opened.history_table = set == UnitSet::seeders
                             ? settings.seed_table
                             : core::choose_history_table(*opened.connection, settings);
  if (first_reads) first_reads(*opened.connection, opened.history_table);
  // The columns kept by the choice served the reads made at once; anything later (under the
  // lock, after a wait) asks again.
  opened.connection->forget_history_columns();
  return opened;
}

// Whether the session opens while the units are read: a server's always; a SQLite file's when
// opening it creates nothing -- a read (a missing file reads as an empty database in memory) or
// a file that exists -- since a unit that cannot load must leave nothing behind. Opening a large
// schema costs SQLite as much as reading thousands of units: it parses every CREATE in
// sqlite_master (~100 ms at 10,000 tables).
bool opens_ahead(const core::DatabaseUrl& url, Session session) {
  if (url.dialect != core::Dialect::sqlite || session == Session::reading) return true;
  std::error_code error;
  return session == Session::live && url.database != ":memory:" &&
         std::filesystem::exists(url.database, error);
}

// The session opened ahead; when that one attempt found the server not ready and --wait gives
// it time, a session opened again, waiting for the server (its retries logged as they happen).
OpenedSession take_session(SessionAhead& ahead, const Target& target, Session session, UnitSet set,
                           std::chrono::milliseconds patience, const FirstReads& first_reads) {
  try {
    // The units are read; while the session's thread waits on the server, this one readies
    // what its authentication needs next.
    dialect::warm_up_driver(target.url.dialect);
    return ahead.take();
  } catch (const ConnectionError&) {
    if (patience <= std::chrono::milliseconds::zero()) throw;
  }
  return open_session(target.settings, target.url, session, set, patience, first_reads);
}

}  // namespace

Target open_target(const GlobalOptions& options, Session session, UnitSet set,
                   const FirstReads& first_reads) {
  Target target;
  const auto patience = wait_patience(options);
  OpenedSession opened;
  if (const FleetTarget* member = options.fleet_target) {
    target.settings = member->settings;
    target.url = member->url;
    target.unit_set = member->units;
    opened = open_session(target.settings, target.url, session, set, patience, first_reads);
  } else {
    target.settings = load_settings(options);
    target.url = core::resolve_database_url(target.settings, core::process_environment());
    std::optional<SessionAhead> ahead;
    if (opens_ahead(target.url, session)) {
      // One attempt, by value: the thread may outlive this call when the units fail.
      ahead.emplace(target.url.dialect,
                    [settings = target.settings, url = target.url, session, set, first_reads] {
                      return open_session(settings, url, session, set,
                                          std::chrono::milliseconds::zero(), first_reads);
                    });
    }
    target.unit_set = std::make_shared<const std::vector<core::Unit>>(
        load_units_for(unit_folder(target.settings, set), target.url.dialect));
    opened = ahead ? take_session(*ahead, target, session, set, patience, first_reads)
                   : open_session(target.settings, target.url, session, set, patience, first_reads);
  }
  target.connection = std::move(opened.connection);
  target.rehearsal = opened.rehearsal;
  util::log_debug("Connected to {}{}", target.url.redacted(),
                  target.rehearsal ? " (an in-memory copy, for the dry run)" : "");
  target.run.history_table = std::move(opened.history_table);
  target.run.lock_wait = to_millis(options.lock_timeout_seconds);
  return target;
}

}  // namespace forge::cli
