#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/lint_run.hpp"
#include "cli/option_checks.hpp"
#include "cli/output.hpp"
#include "cli/run_command.hpp"
#include "core/runner.hpp"

namespace forge::cli {

namespace {

// `db:migrate --lint`: the lint runs before the runner takes the lock or applies anything.
RunStep linted_first(RunStep run) {
  return [run](core::Connection& connection, const std::vector<core::Unit>& units,
               core::Reporter& reporter, const core::RunSettings& settings) {
    refuse_on_lint_errors(connection, units, settings.history_table);
    return run(connection, units, reporter, settings);
  };
}

void add_migrate(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate", "Apply every pending unit, oldest first");
  command->name("db:migrate");
  auto request = std::make_shared<core::MigrateRequest>();
  auto strict = std::make_shared<bool>(false);
  auto lint = std::make_shared<bool>(false);
  auto* from =
      command->add_option("--from", request->from, "Start after this unit (it is not applied)");
  auto* to = command->add_option("--to", request->to, "Stop after this unit (applied too)");
  auto* step = command->add_option("--step", request->step, "Apply at most this many units")
                   ->check(count_option());
  command
      ->add_option("--name", request->names,
                   "Apply only these units (file name, name or version), as sequelize-cli's --name")
      ->excludes(from)
      ->excludes(to)
      ->excludes(step);
  command->add_flag("--strict", *strict,
                    "Refuse applied units whose file is gone and pending units older than the "
                    "newest applied one, instead of warning");
  command->add_flag("--lint", *lint,
                    "Lint the pending units first; apply nothing if any finding is an error");
  add_run_action(*command, options, chosen, [request, strict, lint] {
    RunCommand run = apply_command("db:migrate", UnitSet::migrations,
                                   [request](const std::vector<core::Unit>&) { return *request; });
    run.strict = *strict;
    if (*lint) run.run = linted_first(run.run);
    return run;
  });
}

void add_undo(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-undo", "Revert the most recently applied unit");
  command->name("db:migrate:undo");
  auto request = std::make_shared<core::UndoRequest>();
  auto* step = command->add_option("--step", request->step, "Revert this many units, newest first")
                   ->check(count_option());
  command->add_option("--name", request->name, "Revert exactly this applied unit")->excludes(step);
  add_run_action(*command, options, chosen, [request] {
    return revert_command("db:migrate:undo", UnitSet::migrations, *request);
  });
}

void add_undo_all(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command =
      app.add_subcommand("db-migrate-undo-all", "Revert every applied unit, newest first");
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
    case core::Resolution::applied:
      return "marked as applied";
    case core::Resolution::rolled_back:
      return "marked as rolled back (not applied)";
    case core::Resolution::accept_checksum:
      return "its file's new checksum is recorded";
    case core::Resolution::statement_took_effect:
      return "the statement is recorded as having taken effect; db:migrate goes on after it";
    case core::Resolution::statement_not_run:
      return "the statement is recorded as not run; db:migrate runs it";
  }
  return "";
}

void run_resolve(const GlobalOptions& options, const core::ResolveRequest& request) {
  Target target = open_target(options);
  const std::string name =
      core::run_resolve(*target.connection, target.units(), request, target.run);
  print_line("== " + name + ": " + resolution_text(request.resolution), options.quiet);
}

struct ResolveFlags {
  core::ResolveRequest request;
  bool applied = false, rolled_back = false, accept = false, took_effect = false, not_run = false;

  // Exactly one of the five says what was found.
  core::Resolution resolution() const {
    const int given = applied + rolled_back + accept + took_effect + not_run;
    if (given != 1) {
      throw CLI::ValidationError(
          "pass one of --applied, --rolled-back, --accept-checksum, --took-effect, --not-run");
    }
    if ((took_effect || not_run) != (request.statement != 0)) {
      throw CLI::ValidationError(
          "--took-effect and --not-run go with --statement <n>, and only they");
    }
    if (applied) return core::Resolution::applied;
    if (rolled_back) return core::Resolution::rolled_back;
    if (accept) return core::Resolution::accept_checksum;
    return took_effect ? core::Resolution::statement_took_effect
                       : core::Resolution::statement_not_run;
  }
};

void add_resolve(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-resolve",
                                     "Settle a unit by hand (after it failed part-way, or its file "
                                     "changed), running none of its SQL");
  command->name("db:migrate:resolve");
  auto flags = std::make_shared<ResolveFlags>();
  command->add_option("unit", flags->request.reference, "The unit: file name, name or version")
      ->required();
  command->add_flag("--applied", flags->applied, "It is fully in effect: record it as applied");
  command->add_flag("--rolled-back", flags->rolled_back,
                    "Nothing of it is in effect: forget that it ran");
  command->add_flag("--accept-checksum", flags->accept,
                    "Its applied file was changed on purpose: record the new checksum");
  command
      ->add_option("--statement", flags->request.statement,
                   "The statement (1-based) an interrupted run left open, with --took-effect "
                   "or --not-run")
      ->check(count_option());
  command->add_flag("--took-effect", flags->took_effect,
                    "That statement took effect: db:migrate goes on after it");
  command->add_flag("--not-run", flags->not_run,
                    "That statement did not take effect: db:migrate runs it");
  command->add_flag("--force", flags->request.force,
                    "Also while another forge holds the lock, or --rolled-back on an applied unit");
  command->callback([&, flags] {
    flags->request.resolution = flags->resolution();
    chosen = [&, flags] { run_resolve(options, flags->request); };
  });
}

void run_baseline(const GlobalOptions& options, const std::string& to) {
  Target target = open_target(options);
  const auto marked = core::run_baseline(*target.connection, target.units(), to, target.run);
  if (marked.empty())
    print_line("Nothing to mark: every unit up to " + to + " is recorded already.", options.quiet);
  for (const auto& name : marked)
    print_line("== " + name + ": marked as applied (baseline)", options.quiet);
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
