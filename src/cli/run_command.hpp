#pragma once
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

/// Flags a command that runs units takes.
struct RunFlags {
  bool dry_run = false;
  bool json = false;
  bool strict = false;
};

/// Adds `--dry-run` and `--json` to `command`.
void add_run_flags(CLI::App& command, RunFlags& flags);

/// One call of the runner (run_migrate, run_undo, or their previews) with its request bound.
/// Returns how many units ran (or would run).
using RunStep = std::function<std::size_t(core::Connection&, const std::vector<core::Unit>&,
                                          core::Reporter&, const core::RunSettings&)>;

/// A command that runs units through the runner.
struct RunCommand {
  std::string name;  ///< as typed, e.g. `db:seed:all`; the JSON document's "command"
  UnitSet units = UnitSet::migrations;
  core::Direction direction = core::Direction::up;
  RunStep run;      ///< the real run
  RunStep preview;  ///< a dry run where the dialect has no throwaway copy of the database
};

/// Opens the target for `command.units` and runs it with the reporter `flags` ask for (human,
/// dry-run listing, or one JSON document, printed on failure too). A dry run runs the units
/// for real on a throwaway copy where the dialect has one, else lists them through `preview`;
/// the database itself is never changed. Rethrows what the run throws.
void carry_out(const GlobalOptions& options, const RunFlags& flags, const RunCommand& command);

}  // namespace forge::cli
