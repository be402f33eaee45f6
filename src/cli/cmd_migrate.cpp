#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_command.hpp"
#include "core/runner.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

void add_migrate(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate", "Apply every pending unit, oldest first");
  command->name("db:migrate");
  auto request = std::make_shared<core::MigrateRequest>();
  auto strict = std::make_shared<bool>(false);
  command->add_option("--from", request->from, "Start after this unit (it is not applied)");
  command->add_option("--to", request->to, "Stop after this unit (applied too)");
  command->add_option("--step", request->step, "Apply at most this many units");
  command->add_flag("--strict", *strict,
                    "Refuse applied units whose file is gone and pending units older than the "
                    "newest applied one, instead of warning");
  add_run_action(*command, options, chosen, [request, strict] {
    RunCommand run = apply_command("db:migrate", UnitSet::migrations,
                                   [request](const std::vector<core::Unit>&) { return *request; });
    run.strict = *strict;
    return run;
  });
}

void add_undo(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo", "Revert the most recently applied unit");
  command->name("db:migrate:undo");
  auto request = std::make_shared<core::UndoRequest>();
  auto* step = command->add_option("--step", request->step, "Revert this many units, newest first");
  command->add_option("--name", request->name, "Revert exactly this applied unit")->excludes(step);
  add_run_action(*command, options, chosen, [request] {
    return revert_command("db:migrate:undo", UnitSet::migrations, *request);
  });
}

void add_undo_all(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo-all", "Revert every applied unit, newest first");
  command->name("db:migrate:undo:all");
  auto request = std::make_shared<core::UndoRequest>();
  request->scope = core::UndoRequest::Scope::all;
  command->add_option("--to", request->to, "Stop after reverting this unit");
  add_run_action(*command, options, chosen, [request] {
    return revert_command("db:migrate:undo:all", UnitSet::migrations, *request);
  });
}

const char* resolution_text(core::Resolution resolution) {
  switch (resolution) {
    case core::Resolution::applied: return "marked as applied";
    case core::Resolution::rolled_back: return "marked as rolled back (not applied)";
    case core::Resolution::accept_checksum: return "its file's new checksum is recorded";
  }
  return "";
}

void run_resolve(const GlobalOptions& options, const std::string& unit, core::Resolution resolution) {
  Target target = open_target(options);
  const std::string name = core::run_resolve(*target.connection, target.units, unit, resolution,
                                             target.run);
  print_line("== " + name + ": " + resolution_text(resolution), options.quiet);
}

void add_resolve(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand(
      "db-migrate-resolve",
      "Settle a unit by hand (after it failed part-way, or its file changed), running none of its SQL");
  command->name("db:migrate:resolve");
  auto unit = std::make_shared<std::string>();
  auto applied = std::make_shared<bool>(false);
  auto rolled_back = std::make_shared<bool>(false);
  auto accept = std::make_shared<bool>(false);
  command->add_option("unit", *unit, "The unit: file name, name or version")->required();
  auto* applied_flag =
      command->add_flag("--applied", *applied, "It is fully in effect: record it as applied");
  auto* rolled_flag = command->add_flag("--rolled-back", *rolled_back,
                                        "Nothing of it is in effect: forget that it ran");
  auto* accept_flag = command->add_flag(
      "--accept-checksum", *accept, "Its applied file was changed on purpose: record the new checksum");
  applied_flag->excludes(rolled_flag)->excludes(accept_flag);
  rolled_flag->excludes(accept_flag);
  command->callback([&, unit, applied, rolled_back, accept] {
    if (!*applied && !*rolled_back && !*accept) {
      throw CLI::ValidationError("pass --applied, --rolled-back or --accept-checksum");
    }
    const auto resolution = *applied ? core::Resolution::applied
                            : *accept ? core::Resolution::accept_checksum
                                      : core::Resolution::rolled_back;
    chosen = [&, unit, resolution] { run_resolve(options, *unit, resolution); };
  });
}

void run_baseline(const GlobalOptions& options, const std::string& to) {
  Target target = open_target(options);
  const auto marked = core::run_baseline(*target.connection, target.units, to, target.run);
  if (marked.empty()) print_line("Nothing to mark: every unit up to " + to + " is recorded already.", options.quiet);
  for (const auto& name : marked) print_line("== " + name + ": marked as applied (baseline)", options.quiet);
}

void add_baseline(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand(
      "db-migrate-baseline",
      "Mark every unit up to one as applied without running it (a database whose schema exists)");
  command->name("db:migrate:baseline");
  auto to = std::make_shared<std::string>();
  command->add_option("--to", *to, "The last unit the existing schema already has")->required();
  command->callback([&, to] { chosen = [&, to] { run_baseline(options, *to); }; });
}

}  // namespace

void add_migrate_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_migrate(app, options, chosen);
  add_undo(app, options, chosen);
  add_undo_all(app, options, chosen);
  add_resolve(app, options, chosen);
  add_baseline(app, options, chosen);
}

}  // namespace forge::cli
