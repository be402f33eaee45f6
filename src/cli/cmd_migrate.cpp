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

// A dry run runs the units for real on a throwaway copy where the dialect has one (SQLite),
// so even SQL written from the live schema shows exactly; elsewhere it lists the statements.
// The database itself is never changed, not even its history table.
template <typename Request, typename Run, typename Preview>
void dry_run(const GlobalOptions& options, const Request& request, Run run, Preview preview,
             const std::string& outcome) {
  Target target = open_target(options, Session::rehearsal);
  DryRunReporter reporter;
  const auto& act = target.rehearsal ? run : preview;
  const std::size_t count = act(*target.connection, target.units, request, reporter, target.run);
  print_line("-- Dry run: " + std::to_string(count) + " unit(s) would be " + outcome +
                 "; nothing was changed.",
             false);
}

void dry_run_migrate(const GlobalOptions& options, const core::MigrateRequest& request) {
  dry_run(options, request, core::run_migrate, core::preview_migrate, "migrated");
}

void dry_run_undo(const GlobalOptions& options, const core::UndoRequest& request) {
  dry_run(options, request, core::run_undo, core::preview_undo, "reverted");
}

const char* k_dry_run_help = "Print the SQL each unit would run, and change nothing";

void add_migrate(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate", "Apply every pending unit, oldest first");
  command->name("db:migrate");
  auto request = std::make_shared<core::MigrateRequest>();
  command->add_option("--from", request->from, "Start after this unit (it is not applied)");
  command->add_option("--to", request->to, "Stop after this unit (applied too)");
  command->add_option("--step", request->step, "Apply at most this many units");
  auto dry_run = std::make_shared<bool>(false);
  command->add_flag("--dry-run", *dry_run, k_dry_run_help);
  command->callback([&, request, dry_run] {
    chosen = [&, request, dry_run] {
      *dry_run ? dry_run_migrate(options, *request) : run_migrate(options, *request);
    };
  });
}

void add_undo_callback(CLI::App& command, const GlobalOptions& options, Action& chosen,
                       const std::shared_ptr<core::UndoRequest>& request) {
  auto dry_run = std::make_shared<bool>(false);
  command.add_flag("--dry-run", *dry_run, k_dry_run_help);
  command.callback([&, request, dry_run] {
    chosen = [&, request, dry_run] {
      *dry_run ? dry_run_undo(options, *request) : run_undo(options, *request);
    };
  });
}

void add_undo(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo", "Revert the most recently applied unit");
  command->name("db:migrate:undo");
  auto request = std::make_shared<core::UndoRequest>();
  auto* step = command->add_option("--step", request->step, "Revert this many units, newest first");
  command->add_option("--name", request->name, "Revert exactly this applied unit")->excludes(step);
  add_undo_callback(*command, options, chosen, request);
}

void add_undo_all(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo-all", "Revert every applied unit, newest first");
  command->name("db:migrate:undo:all");
  auto request = std::make_shared<core::UndoRequest>();
  request->scope = core::UndoRequest::Scope::all;
  command->add_option("--to", request->to, "Stop after reverting this unit");
  add_undo_callback(*command, options, chosen, request);
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
