#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/config.hpp"
#include "core/runner.hpp"
#include "core/unit.hpp"
#include "core/url.hpp"
#include "dialect/session_options.hpp"

namespace forge::cli {

/// One database of a fleet, resolved on the main thread before any worker starts.
struct FleetTarget {
  core::Settings settings;  ///< of its config environment (the command's own for a URL)
  core::DatabaseUrl url;
  std::string environment;  ///< the environment the target line named; empty for a URL
  /// The units for its dialect, read once for the whole fleet.
  std::shared_ptr<const std::vector<core::Unit>> units;
};

/// Options every command accepts, before or after the command name.
struct GlobalOptions {
  core::ConfigFlags flags;
  bool verbose = false;
  bool quiet = false;
  double lock_timeout_seconds = 60;
  std::optional<double> wait_seconds;  ///< retry connecting this long (--wait)
  /// Set in a fleet's worker: the database to use instead of resolving settings and URL.
  const FleetTarget* fleet_target = nullptr;
};

/// Settings resolved from flags, environment, .forgerc and the config file, announced on stderr.
core::Settings load_settings(const GlobalOptions& options);

/// A database ready for a command: its settings, URL, the units on disk, and an open session.
struct Target {
  core::Settings settings;
  core::DatabaseUrl url;
  /// The units on disk for the URL's dialect, read-only: a fleet's targets share one set.
  std::shared_ptr<const std::vector<core::Unit>> unit_set;
  std::unique_ptr<core::Connection> connection;
  bool rehearsal = false;  ///< `connection` is a throwaway copy of the database
  core::RunSettings run;

  const std::vector<core::Unit>& units() const { return *unit_set; }
};

/// Which session a command wants.
enum class Session {
  live,       ///< the database itself
  rehearsal,  ///< a throwaway copy when the dialect has one (dry runs), else the database
  reading,    ///< a read-only session when the dialect has one (status), else the database
};

/// Which units a command runs, and so which folder and history table it uses.
enum class UnitSet {
  migrations,  ///< the migrations folder and the history table (--meta-table)
  seeders,     ///< the seeders folder (--seeders-path) and its own table (--seed-table)
};

/// Connects to `url`, retrying for `patience` while the server is not ready.
std::unique_ptr<core::Connection> connect_waiting(const core::DatabaseUrl& url,
                                                  std::chrono::milliseconds patience,
                                                  const dialect::SessionOptions& options = {});
/// The session options `settings` ask for (the statement timeout).
dialect::SessionOptions session_options(const core::Settings& settings);
/// --wait as a duration (zero when not given).
std::chrono::milliseconds wait_patience(const GlobalOptions& options);

/// Every unit in `folder` (SQL, declarative and JavaScript) for `dialect`.
std::vector<core::Unit> load_units_for(const std::filesystem::path& folder, core::Dialect dialect);

/// The folder of the units `set` names (the seeders folder must exist: ConfigError).
const std::filesystem::path& unit_folder(const core::Settings& settings, UnitSet set);

/// Reads a command makes as soon as its session is open, given the history table: with a
/// server they run on the thread opening the session, while the units are read. What they
/// write must be owned by them (captured by shared_ptr): when the units fail to load, that
/// thread outlives the command.
using FirstReads = std::function<void(core::Connection& connection, const std::string& table)>;

/// Resolves the settings and URL (or takes the fleet's, options.fleet_target), loads every unit,
/// and connects -- a server's session opening meanwhile; file errors are reported before any
/// error of the session -- then makes `first_reads`.
Target open_target(const GlobalOptions& options, Session session = Session::live,
                   UnitSet set = UnitSet::migrations, const FirstReads& first_reads = {});

}  // namespace forge::cli
