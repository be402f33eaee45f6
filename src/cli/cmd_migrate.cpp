#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/runner.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

void run_migrate(const GlobalOptions& options, const core::MigrateRequest& request) {
  Target target = open_target(options);
  HumanReporter reporter(options.quiet);
  core::run_migrate(*target.connection, target.units, request, reporter, target.run);
}

void run_undo(const GlobalOptions& options, const core::UndoRequest& request) {
  Target target = open_target(options);
  HumanReporter reporter(options.quiet);
  core::run_undo(*target.connection, target.units, request, reporter, target.run);
}

void add_migrate(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate", "Apply every pending unit, oldest first");
  command->name("db:migrate");
  auto request = std::make_shared<core::MigrateRequest>();
  command->add_option("--from", request->from, "Start after this unit (it is not applied)");
  command->add_option("--to", request->to, "Stop after this unit (applied too)");
  command->add_option("--step", request->step, "Apply at most this many units");
  command->callback([&, request] { chosen = [&, request] { run_migrate(options, *request); }; });
}

void add_undo(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo", "Revert the most recently applied unit");
  command->name("db:migrate:undo");
  auto request = std::make_shared<core::UndoRequest>();
  auto* step = command->add_option("--step", request->step, "Revert this many units, newest first");
  command->add_option("--name", request->name, "Revert exactly this applied unit")->excludes(step);
  command->callback([&, request] { chosen = [&, request] { run_undo(options, *request); }; });
}

void add_undo_all(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo-all", "Revert every applied unit, newest first");
  command->name("db:migrate:undo:all");
  auto request = std::make_shared<core::UndoRequest>();
  request->scope = core::UndoRequest::Scope::all;
  command->add_option("--to", request->to, "Stop after reverting this unit");
  command->callback([&, request] { chosen = [&, request] { run_undo(options, *request); }; });
}

void run_resolve(const GlobalOptions& options, const std::string& unit, core::Resolution resolution) {
  Target target = open_target(options);
  const std::string name = core::run_resolve(*target.connection, target.units, unit, resolution,
                                             target.run);
  print_line("== " + name + ": marked as " +
                 (resolution == core::Resolution::applied ? "applied" : "rolled back (not applied)"),
             options.quiet);
}

void add_resolve(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand(
      "db-migrate-resolve", "Settle a unit by hand (after it failed part-way), running none of its SQL");
  command->name("db:migrate:resolve");
  auto unit = std::make_shared<std::string>();
  auto applied = std::make_shared<bool>(false);
  auto rolled_back = std::make_shared<bool>(false);
  command->add_option("unit", *unit, "The unit: file name, name or version")->required();
  auto* applied_flag =
      command->add_flag("--applied", *applied, "It is fully in effect: record it as applied");
  auto* rolled_flag = command->add_flag("--rolled-back", *rolled_back,
                                        "Nothing of it is in effect: forget that it ran");
  applied_flag->excludes(rolled_flag);
  command->callback([&, unit, applied, rolled_back] {
    if (!*applied && !*rolled_back) throw CLI::ValidationError("pass --applied or --rolled-back");
    chosen = [&, unit, applied] {
      run_resolve(options, *unit,
                  *applied ? core::Resolution::applied : core::Resolution::rolled_back);
    };
  });
}

}  // namespace

void add_migrate_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_migrate(app, options, chosen);
  add_undo(app, options, chosen);
  add_undo_all(app, options, chosen);
  add_resolve(app, options, chosen);
}

}  // namespace forge::cli
