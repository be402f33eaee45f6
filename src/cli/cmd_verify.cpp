#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/fleet_options.hpp"
#include "cli/fleet_run.hpp"
#include "cli/schema_file.hpp"
#include "cli/schema_source.hpp"
#include "core/errors.hpp"
#include "core/runner.hpp"
#include "core/schema_diff.hpp"
#include "dialect/schema_io.hpp"
#include "dialect/scratch_database.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {

// One unit's round trip on the scratch database: up, down (the schema must be as before the
// up), up again (the schema must be as after the first up).
class UnitCheck {
 public:
  UnitCheck(core::Connection& connection, const Target& target)
      : m_connection(connection), m_target(target) {}

  void check(const std::vector<core::Unit>& units, const core::Unit& unit) {
    const core::Schema before = read();
    up(units, unit);
    if (!unit.down) {
      util::write_output("  " + unit.name + ": applied (no down to check)\n");
      return;
    }
    const core::Schema after_up = read();
    core::UndoRequest undo;
    undo.name = unit.name;
    core::run_undo(m_connection, units, undo, m_reporter, m_target.run);
    expect_same(before, read(), unit, "its down does not restore the schema before its up");
    up(units, unit);
    expect_same(after_up, read(), unit,
                "applied again after its down, its up gives another schema");
    util::write_output("  " + unit.name + ": up, down and up again agree\n");
  }

 private:
  core::Schema read() { return dialect::read_schema(m_connection, history_tables(m_target)); }

  void up(const std::vector<core::Unit>& units, const core::Unit& unit) {
    core::MigrateRequest request;
    request.names = {unit.name};
    core::run_migrate(m_connection, units, request, m_reporter, m_target.run);
  }

  static void expect_same(const core::Schema& wanted, const core::Schema& found,
                          const core::Unit& unit, const std::string& problem) {
    const auto changes = core::diff_schemas(wanted, found);
    if (changes.empty()) return;
    util::write_output("  " + unit.name + ": " + problem + ":\n" + core::changes_text(changes));
    throw DriftError(unit.name + ": " + problem + " (" + std::to_string(changes.size()) +
                         " difference(s), listed above)",
                     "Make the down undo exactly what the up does (" + unit.up.file + ").");
  }

  core::Connection& m_connection;
  const Target& m_target;
  SilentReporter m_reporter;
};

void run_verify(const GlobalOptions& options, const std::optional<std::string>& dev_url) {
  Target target = open_target(options, Session::reading);
  const dialect::ScratchDatabase scratch(scratch_server(target, dev_url));
  const auto connection = scratch.connect();
  util::write_output("Verifying " + std::to_string(target.units().size()) +
                     " unit(s) on a scratch database: up, down, up again\n");
  UnitCheck check(*connection, target);
  for (const core::Unit& unit : target.units()) check.check(target.units(), unit);
  util::write_output("Every down restores the schema its up started from.\n");
}

}  // namespace

void add_verify_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto dev_url = std::make_shared<std::optional<std::string>>();
  auto* command = app.add_subcommand(
      "db-migrate-verify",
      "Replay every unit on a scratch database and check that each down undoes its up");
  command->name("db:migrate:verify");
  command->add_option("--dev-url", *dev_url,
                      "Make the scratch database on this server instead of the target's");
  auto fleet = std::make_shared<FleetOptions>();
  add_fleet_options(*command, *fleet, true);
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "On a fleet: the fleet's report as one JSON document");
  command->callback([&, dev_url, fleet, json] {
    chosen = [&, dev_url, fleet, json] {
      fleet->check();
      if (*json && !fleet->given()) {
        throw UsageError("db:migrate:verify prints text; --json is for a fleet's report",
                         "Drop --json, or give the fleet with --targets, --targets-cmd or "
                         "--targets-query.");
      }
      if (!fleet->given()) return run_verify(options, *dev_url);
      // Each database's units, replayed on a scratch database on its server (or --dev-url):
      // databases that differ in dialect, folder or server are each checked as they will run.
      run_fleet(options, *fleet, {"db:migrate:verify", UnitSet::migrations, true, *json, true},
                [dev_url](const GlobalOptions& mine) { run_verify(mine, *dev_url); });
    };
  });
}

}  // namespace forge::cli
