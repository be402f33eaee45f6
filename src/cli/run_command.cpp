#include "cli/run_command.hpp"

#include <CLI/CLI.hpp>
#include <chrono>
#include <memory>

#include "cli/fleet_options.hpp"
#include "cli/fleet_run.hpp"
#include "cli/json_report.hpp"
#include "cli/output.hpp"
#include "cli/schema_file.hpp"
#include "core/errors.hpp"
#include "util/logging.hpp"
#include "util/shutdown.hpp"
#include "util/utc_clock.hpp"

namespace forge::cli {

namespace {

struct RunFlags {
  bool dry_run = false;
  bool json = false;
};

// Progress in the words of the units run: `migrating` / `would migrate`, `seeding` / `would seed`.
std::unique_ptr<core::Reporter> make_reporter(const GlobalOptions& options, const RunFlags& flags,
                                              const RunCommand& command) {
  const UnitWords words = command.units == UnitSet::seeders ? seeder_words() : UnitWords{};
  if (flags.json) return std::make_unique<JsonRunReporter>(command.name, flags.dry_run);
  if (flags.dry_run) return std::make_unique<DryRunReporter>(words);
  return std::make_unique<HumanReporter>(options.quiet, words);
}

std::string dry_run_summary(const RunCommand& command, std::size_t count) {
  const bool up = command.direction == core::Direction::up;
  const char* done = !up ? "reverted" : command.units == UnitSet::seeders ? "seeded" : "migrated";
  return "-- Dry run: " + std::to_string(count) + " unit(s) would be " + done +
         "; nothing was changed.";
}

// A dry run runs the units for real on a throwaway copy of the database where the dialect has
// one (SQLite), so even SQL written from the live schema shows exactly; elsewhere it lists them
// through `command.preview`. The database itself is never changed, not even its history table.
void carry_out_once(const GlobalOptions& options, const RunFlags& flags, const RunCommand& command,
                    core::Reporter& reporter) {
  auto* json = dynamic_cast<JsonRunReporter*>(&reporter);
  Target target =
      open_target(options, flags.dry_run ? Session::rehearsal : Session::live, command.units);
  target.run.strict = command.strict || target.settings.strict;
  if (json != nullptr) {
    json->set_target(target.url.redacted(), target.settings.environment, target.run.history_table);
  }
  const bool listing = flags.dry_run && !target.rehearsal;
  const std::size_t count = (listing ? command.preview : command.run)(
      *target.connection, target.units(), reporter, target.run);
  // A fleet's databases would all write the one schema file at once: it is left alone.
  const bool one_database = options.fleet_target == nullptr;
  if (!flags.dry_run && command.units == UnitSet::migrations && one_database) {
    refresh_schema_file(target);
  }
  if (json != nullptr) {
    json->print_success();
  } else if (flags.dry_run) {
    print_line(dry_run_summary(command, count), false);
  }
}

// The database became unavailable mid-run (a lost connection, a server restarting, a standby,
// a cluster node that lost quorum): under --wait, while time is left, the whole command runs
// again -- the history table says exactly what took effect, so it carries on from there.
void carry_out(const GlobalOptions& options, const RunFlags& flags, const RunCommand& command) {
  using namespace std::chrono;
  const auto deadline = steady_clock::now() + wait_patience(options);
  GlobalOptions attempt_options = options;
  for (;;) {
    const auto reporter = make_reporter(options, flags, command);
    try {
      carry_out_once(attempt_options, flags, command, *reporter);
      return;
    } catch (const Error& error) {
      const bool unavailable = dynamic_cast<const ConnectionError*>(&error) != nullptr;
      const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
      if (unavailable && left > milliseconds::zero() && !flags.dry_run &&
          util::stop_signal() == 0) {
        util::log_warn("the database became unavailable: {}; running {} again (--wait: {} left)",
                       error.what(), command.name, util::seconds_text(left));
        attempt_options.wait_seconds = static_cast<double>(left.count()) / 1000.0;
        continue;
      }
      if (auto* json = dynamic_cast<JsonRunReporter*>(reporter.get())) json->print_failure(error);
      throw;
    }
  }
}

}  // namespace

RunCommand apply_command(const std::string& name, UnitSet units, MigrateSelection select) {
  RunCommand command{name, units, core::Direction::up, {}, {}};
  command.run = [select](core::Connection& connection, const std::vector<core::Unit>& units,
                         core::Reporter& reporter, const core::RunSettings& settings) {
    return core::run_migrate(connection, units, select(units), reporter, settings);
  };
  command.preview = [select](core::Connection& connection, const std::vector<core::Unit>& units,
                             core::Reporter& reporter, const core::RunSettings& settings) {
    return core::preview_migrate(connection, units, select(units), reporter, settings);
  };
  return command;
}

RunCommand revert_command(const std::string& name, UnitSet units,
                          const core::UndoRequest& request) {
  RunCommand command{name, units, core::Direction::down, {}, {}};
  command.run = [request](core::Connection& connection, const std::vector<core::Unit>& units,
                          core::Reporter& reporter, const core::RunSettings& settings) {
    return core::run_undo(connection, units, request, reporter, settings);
  };
  command.preview = [request](core::Connection& connection, const std::vector<core::Unit>& units,
                              core::Reporter& reporter, const core::RunSettings& settings) {
    return core::preview_undo(connection, units, request, reporter, settings);
  };
  return command;
}

void add_run_action(CLI::App& command, const GlobalOptions& options, Action& chosen,
                    std::function<RunCommand()> make) {
  auto flags = std::make_shared<RunFlags>();
  command.add_flag("--dry-run", flags->dry_run,
                   "Print the SQL each unit would run, and change nothing");
  command.add_flag("--json", flags->json,
                   "Print one JSON document of what ran (schema in the README)");
  auto fleet = std::make_shared<FleetOptions>();
  add_fleet_options(command, *fleet);
  command.callback([&options, &chosen, flags, fleet, make] {
    chosen = [&options, flags, fleet, make] {
      fleet->check();
      const RunCommand run = make();
      if (!fleet->given()) return carry_out(options, *flags, run);
      // Each database's own JSON document is kept; the fleet reports from them.
      const RunFlags each{flags->dry_run, true};
      run_fleet(options, *fleet, {run.name, run.units, false, flags->json},
                [each, run](const GlobalOptions& mine) { carry_out(mine, each, run); });
    };
  });
}

}  // namespace forge::cli
