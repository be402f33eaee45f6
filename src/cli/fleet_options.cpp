#include "cli/fleet_options.hpp"

#include <CLI/CLI.hpp>

#include "cli/option_checks.hpp"
#include "core/errors.hpp"

namespace forge::cli {

namespace {

// The commands that take a fleet, for the message of one that does not.
constexpr const char* k_fleet_commands =
    "db:migrate, db:migrate:undo, db:migrate:undo:all, db:migrate:status, db:migrate:verify, "
    "db:seed, db:seed:all, db:seed:undo, db:seed:undo:all and lint";

}  // namespace

core::RolloutPolicy FleetOptions::policy() const {
  core::RolloutPolicy policy;
  policy.canary = canary;
  policy.max_failures = max_failures.value_or(1);
  if (continue_on_error) policy.max_failures.reset();
  return policy;
}

void FleetOptions::check() const {
  const bool fleet_only =
      canary > 0 || max_failures || continue_on_error || !junit.empty() || !only_failed.empty();
  if (fleet_only && !given()) {
    throw UsageError(
        "--canary, --max-failures, --continue-on-error, --junit and --only-failed "
        "work on a fleet, and no targets were given",
        "Name the databases with --targets FILE, --targets-cmd 'COMMAND' or "
        "--targets-query 'SQL'.");
  }
}

void refuse_fleets_elsewhere(CLI::App& app) {
  for (CLI::App* command : app.get_subcommands([](CLI::App*) { return true; })) {
    if (command->get_option_no_throw("--targets") != nullptr) continue;  // takes a fleet
    const std::string message = command->get_name() +
                                " takes no fleet: it works on one database, or on none. Fleets "
                                "(--targets, --targets-cmd, --targets-query) are taken by " +
                                k_fleet_commands;
    // A CLI11 error, thrown as the option is parsed: reported as a usage error (exit 2).
    for (const std::string option : {"--targets", "--targets-cmd", "--targets-query"}) {
      command
          ->add_option_function<std::string>(option,
                                             [option, message](const std::string&) {
                                               throw CLI::ValidationError(option, message);
                                             })
          ->group("");
    }
  }
}

void add_fleet_options(CLI::App& command, FleetOptions& options, bool reads_only) {
  auto* file = command.add_option("--targets", options.targets_file,
                                  "Run on every database listed in FILE (one URL or config "
                                  "environment a line)");
  auto* cmd = command
                  .add_option("--targets-cmd", options.targets_cmd,
                              "Run on every database COMMAND prints (one a line)")
                  ->excludes(file);
  command
      .add_option("--targets-query", options.targets_query,
                  "Run on every database SQL returns on the --url database (URLs, or schema "
                  "names on the same server)")
      ->excludes(file)
      ->excludes(cmd);
  command.add_option("--parallel", options.parallel, "Databases worked on at once (default: 4)")
      ->check(CLI::Range(1, 64));
  command.add_option("--junit", options.junit, "Also write a JUnit XML report to FILE");
  command.add_option("--only-failed", options.only_failed,
                     "Only the databases that did not succeed in an earlier --json report");
  if (reads_only) return;
  command
      .add_option("--canary", options.canary,
                  "Run this many databases first; stop if any of them fails")
      ->check(count_option());
  auto* max = command
                  .add_option("--max-failures", options.max_failures,
                              "Start no more databases after this many failed (default: 1)")
                  ->check(count_option());
  command
      .add_flag("--continue-on-error", options.continue_on_error,
                "Keep starting databases whatever fails")
      ->excludes(max);
}

}  // namespace forge::cli
