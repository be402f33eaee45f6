#include "cli/run_command.hpp"

#include "cli/json_report.hpp"
#include "cli/output.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

std::unique_ptr<core::Reporter> make_reporter(const GlobalOptions& options, const RunFlags& flags,
                                              const RunCommand& command) {
  if (flags.json) return std::make_unique<JsonRunReporter>(command.name, flags.dry_run);
  if (flags.dry_run) return std::make_unique<DryRunReporter>();
  const UnitWords words = command.units == UnitSet::seeders ? seeder_words() : UnitWords{};
  return std::make_unique<HumanReporter>(options.quiet, words);
}

std::string dry_run_summary(const RunCommand& command, std::size_t count) {
  const bool up = command.direction == core::Direction::up;
  const char* done = !up ? "reverted" : command.units == UnitSet::seeders ? "seeded" : "migrated";
  return "-- Dry run: " + std::to_string(count) + " unit(s) would be " + done +
         "; nothing was changed.";
}

}  // namespace

void add_run_flags(CLI::App& command, RunFlags& flags) {
  command.add_flag("--dry-run", flags.dry_run, "Print the SQL each unit would run, and change nothing");
  command.add_flag("--json", flags.json, "Print one JSON document of what ran (schema in the README)");
}

void carry_out(const GlobalOptions& options, const RunFlags& flags, const RunCommand& command) {
  const auto reporter = make_reporter(options, flags, command);
  auto* json = dynamic_cast<JsonRunReporter*>(reporter.get());
  try {
    Target target =
        open_target(options, flags.dry_run ? Session::rehearsal : Session::live, command.units);
    target.run.strict = flags.strict || target.settings.strict;
    if (json != nullptr) {
      json->set_target(target.url.redacted(), target.settings.environment, target.run.history_table);
    }
    const bool listing = flags.dry_run && !target.rehearsal;
    const std::size_t count = (listing ? command.preview : command.run)(
        *target.connection, target.units, *reporter, target.run);
    if (json != nullptr) {
      json->print_success();
    } else if (flags.dry_run) {
      print_line(dry_run_summary(command, count), false);
    }
  } catch (const Error& error) {
    if (json != nullptr) json->print_failure(error);
    throw;
  }
}

}  // namespace forge::cli
