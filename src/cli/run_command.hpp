#pragma once
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "core/plan.hpp"
#include "core/runner.hpp"

#include <functional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace forge::cli {

/// One call of the runner (run_migrate, run_undo, or their previews) with its request bound.
/// Returns how many units ran (or would run).
using RunStep = std::function<std::size_t(core::Connection&, const std::vector<core::Unit>&,
                                          core::Reporter&, const core::RunSettings&)>;

/// A command that runs units through the runner.
struct RunCommand {
  std::string name;  ///< as typed, e.g. `db:seed:all`; the JSON document's "command"
  UnitSet units = UnitSet::migrations;
  core::Direction direction = core::Direction::up;
  RunStep run;          ///< the real run
  RunStep preview;      ///< a dry run where the dialect has no throwaway copy of the database
  bool strict = false;  ///< `--strict`: refuse what would otherwise be a warning
};

/// Picks what an applying command applies, once the units are read (`db:seed --seed <unit>`
/// resolves its reference against them).
using MigrateSelection = std::function<core::MigrateRequest(const std::vector<core::Unit>&)>;

/// A command that applies the pending units of `units` that `select` picks, oldest first.
RunCommand apply_command(const std::string& name, UnitSet units, MigrateSelection select);

/// A command that reverts the applied units of `units` that `request` picks, newest first.
RunCommand revert_command(const std::string& name, UnitSet units, const core::UndoRequest& request);

/// Adds `--dry-run` and `--json` to `command`; when the user picks it, `chosen` runs what `make`
/// builds from the command's own options (once they are parsed) with the reporter those flags
/// ask for: human, dry-run listing, or one JSON document (printed on failure too). A dry run
/// never changes the database. Rethrows what the run throws.
void add_run_action(CLI::App& command, const GlobalOptions& options, Action& chosen,
                    std::function<RunCommand()> make);

}  // namespace forge::cli
