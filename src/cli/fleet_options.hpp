#pragma once
#include <cstddef>
#include <optional>
#include <string>

#include "core/rollout.hpp"

namespace CLI {
class App;
}

namespace forge::cli {

/// The options that turn a one-database command into a fleet run (README, "Fleets").
struct FleetOptions {
  std::string targets_file;   ///< --targets FILE
  std::string targets_cmd;    ///< --targets-cmd 'COMMAND'
  std::string targets_query;  ///< --targets-query 'SQL', on the control database
  std::size_t parallel = 4;
  std::size_t canary = 0;
  std::optional<std::size_t> max_failures;
  bool continue_on_error = false;
  std::string junit;        ///< --junit FILE
  std::string only_failed;  ///< --only-failed REPORT.json

  /// A source of targets was given: the command runs on a fleet.
  bool given() const {
    return !targets_file.empty() || !targets_cmd.empty() || !targets_query.empty();
  }
  /// When to stop starting targets: by default after the first failure.
  core::RolloutPolicy policy() const;
  /// Throws UsageError when a fleet-only option is given without a source of targets.
  void check() const;
};

/// Adds the fleet options to `command`; `reads_only` commands (status) take no rollout control.
void add_fleet_options(CLI::App& command, FleetOptions& options, bool reads_only = false);

/// Gives every command of `app` that takes no fleet (one that settles or describes one database
/// by hand, or works on none) --targets, --targets-cmd and --targets-query, hidden, each refusing
/// as a usage error (exit 2) that names the commands that do take a fleet: clearer than CLI11's
/// "not expected". Call once every command is added.
void refuse_fleets_elsewhere(CLI::App& app);

}  // namespace forge::cli
