#include "cli/commands.hpp"
#include "cli/json_report.hpp"
#include "cli/output.hpp"
#include "core/runner.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

/// Flags every running command (migrate, undo, undo:all) takes.
struct RunFlags {
  bool dry_run = false;
  bool json = false;
  bool strict = false;
};


std::unique_ptr<core::Reporter> make_reporter(const GlobalOptions& options, const RunFlags& flags,
                                              const std::string& command) {
  if (flags.json) return std::make_unique<JsonRunReporter>(command, flags.dry_run);
  if (flags.dry_run) return std::make_unique<DryRunReporter>();
  return std::make_unique<HumanReporter>(options.quiet);
}

// Runs `run` (or, for a dry run without a throwaway copy of the database, `preview`) with the
// reporter the flags ask for. A dry run runs the units for real on a copy where the dialect
// has one (SQLite), so even SQL written from the live schema shows exactly; the database
// itself is never changed, not even its history table.
template <typename Request, typename Run>
void carry_out(const GlobalOptions& options, const Request& request, const RunFlags& flags,
               const std::string& command, Run run, Run preview) {
  const auto reporter = make_reporter(options, flags, command);
  auto* json = dynamic_cast<JsonRunReporter*>(reporter.get());
  try {
    Target target = open_target(options, flags.dry_run ? Session::rehearsal : Session::live);
    target.run.strict = flags.strict || target.settings.strict;
    if (json != nullptr) {
      json->set_target(target.url.redacted(), target.settings.environment, target.run.history_table);
    }
    const bool listing = flags.dry_run && !target.rehearsal;
    const std::size_t count = (listing ? preview : run)(*target.connection, target.units, request,
                                                        *reporter, target.run);
    if (json != nullptr) {
      json->print_success();
    } else if (flags.dry_run) {
      print_line("-- Dry run: " + std::to_string(count) + " unit(s) would be " +
                     (command == "db:migrate" ? "migrated" : "reverted") + "; nothing was changed.",
                 false);
    }
  } catch (const Error& error) {
    if (json != nullptr) json->print_failure(error);
    throw;
  }
}

void add_run_flags(CLI::App& command, RunFlags& flags) {
  command.add_flag("--dry-run", flags.dry_run, "Print the SQL each unit would run, and change nothing");
  command.add_flag("--json", flags.json, "Print one JSON document of what ran (schema in the README)");
}

void add_migrate(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate", "Apply every pending unit, oldest first");
  command->name("db:migrate");
  auto request = std::make_shared<core::MigrateRequest>();
  auto flags = std::make_shared<RunFlags>();
  command->add_option("--from", request->from, "Start after this unit (it is not applied)");
  command->add_option("--to", request->to, "Stop after this unit (applied too)");
  command->add_option("--step", request->step, "Apply at most this many units");
  command->add_flag("--strict", flags->strict,
                    "Refuse applied units whose file is gone and pending units older than the "
                    "newest applied one, instead of warning");
  add_run_flags(*command, *flags);
  command->callback([&, request, flags] {
    chosen = [&, request, flags] {
      carry_out(options, *request, *flags, "db:migrate", core::run_migrate, core::preview_migrate);
    };
  });
}

void add_undo_callback(CLI::App& command, const GlobalOptions& options, Action& chosen,
                       const std::shared_ptr<core::UndoRequest>& request) {
  auto flags = std::make_shared<RunFlags>();
  add_run_flags(command, *flags);
  const std::string name = command.get_name();
  command.callback([&, request, flags, name] {
    chosen = [&, request, flags, name] {
      carry_out(options, *request, *flags, name, core::run_undo, core::preview_undo);
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
