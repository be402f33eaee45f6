#include <CLI/CLI.hpp>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/fleet_options.hpp"
#include "cli/fleet_run.hpp"
#include "cli/lint_run.hpp"
#include "cli/lint_selection.hpp"
#include "core/errors.hpp"
#include "core/lint/lint_report.hpp"
#include "util/logging.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {

std::string report_of(core::lint::ReportFormat format,
                      const std::vector<core::lint::Finding>& findings) {
  switch (format) {
    case core::lint::ReportFormat::json:
      return core::lint::json_report(findings);
    case core::lint::ReportFormat::sarif:
      return core::lint::sarif_report(findings, FORGE_VERSION);
    case core::lint::ReportFormat::github:
      return core::lint::github_report(findings);
    case core::lint::ReportFormat::text:
      break;
  }
  return core::lint::text_report(findings);
}

std::size_t count_errors(const std::vector<core::lint::Finding>& findings) {
  std::size_t errors = 0;
  for (const auto& finding : findings) errors += finding.severity == core::lint::Severity::error;
  return errors;
}

void run_lint(const GlobalOptions& options, const LintRequest& request) {
  const auto format = core::lint::parse_report_format(request.format);
  if (!format)
    throw UsageError("unknown --format " + request.format, "Use text, json, sarif or github.");
  const LintSelection selection = select_lint_units(options, request);
  const auto findings =
      lint_units(selection.units, selection.dialect, lint_overrides(), selection.live.get());
  util::write_output(report_of(*format, findings));  // a fleet keeps it per database
  util::log_info("{} unit(s) linted for {}: {} finding(s)", selection.units.size(),
                 core::dialect_name(selection.dialect), findings.size());
  if (const std::size_t errors = count_errors(findings)) {
    throw LintError(std::to_string(errors) + " error-level finding(s)",
                    "Rewrite the statements as each fix says, or silence one that is safe with "
                    "`-- forge:lint-ignore CODE reason` above it.");
  }
}

// Each database's pending units, linted with its live rows; its findings are kept as JSON for
// the fleet's report (a table, or --format json), whose exit status is the worst database's.
void run_lint_fleet(const GlobalOptions& options, const LintRequest& request,
                    const FleetOptions& fleet) {
  if (request.format != "text" && request.format != "json") {
    throw UsageError(
        "a fleet's lint reports as a table or --format json, not " + request.format,
        "Use --format json, or lint one database at a time for " + request.format + ".");
  }
  LintRequest each = request;
  each.format = "json";
  run_fleet(options, fleet, {"lint", UnitSet::migrations, true, request.format == "json"},
            [each](const GlobalOptions& mine) { run_lint(mine, each); });
}

}  // namespace

void add_lint_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto request = std::make_shared<LintRequest>();
  auto* command = app.add_subcommand(
      "lint", "Find dangerous statements in migration units, before they reach a database");
  command->add_option("units", request->units, "Units to lint (file name, name or version)");
  command->add_flag("--all", request->all, "Lint every unit, not only the pending ones");
  command->add_option("--since", request->since,
                      "Lint the units added since this git commit (git diff --diff-filter=A)");
  command
      ->add_option("--dialect", request->dialect,
                   "The SQL to expect when no database is configured")
      ->check(CLI::IsMember({"postgres", "postgresql", "mysql", "mariadb", "sqlite", "sqlite3"}));
  command->add_option("--format", request->format, "text (default), json, sarif or github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  auto fleet = std::make_shared<FleetOptions>();
  add_fleet_options(*command, *fleet, true);
  command->callback([&, request, fleet] {
    chosen = [&, request, fleet] {
      fleet->check();
      if (!fleet->given()) return run_lint(options, *request);
      run_lint_fleet(options, *request, *fleet);
    };
  });
}

}  // namespace forge::cli
