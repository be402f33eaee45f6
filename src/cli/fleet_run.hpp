#pragma once
#include <functional>
#include <string>

#include "cli/context.hpp"
#include "cli/fleet_options.hpp"

namespace forge::cli {

/// What a fleet's worker runs for one database: the command's one-database path, given options
/// whose fleet_target is that database. It prints its JSON document (kept per database, not
/// printed) and throws what the command alone would throw.
using TargetWork = std::function<void(const GlobalOptions& options)>;

/// The command a fleet runs.
struct FleetCommand {
  std::string name;  ///< as typed: `db:migrate`
  UnitSet units = UnitSet::migrations;
  bool reads_only = false;   ///< status: every database is read, whatever fails
  bool json = false;         ///< --json: the fleet's report as one JSON document
  bool prints_text = false;  ///< verify: a failed database's text is shown with its diagnostics
};

/// Runs `work` on every database of the fleet `fleet` names, at most --parallel at once, each
/// with its own session and lock, under the rollout control; then reports (table or --json,
/// and --junit). Throws FleetError with the worst exit status when not every database
/// succeeded, InterruptedError when a signal stopped the run.
void run_fleet(const GlobalOptions& options, const FleetOptions& fleet, const FleetCommand& command,
               const TargetWork& work);

}  // namespace forge::cli
