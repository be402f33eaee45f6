#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/catalog.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

void run_status(const GlobalOptions& options, bool json) {
  Target target = open_target(options);
  // Read-only: no lock, and a database forge never touched simply has no history yet.
  const auto history = target.connection->read_history(target.run.history_table);
  const core::Catalog catalog(target.units, history);
  if (json) {
    print_status_json(catalog.entries(), target.url.redacted(), target.settings.environment,
                      target.run.history_table);
  } else {
    print_status_text(catalog.entries(), options.quiet);
  }
}

}  // namespace

void add_status_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-status", "List every unit as up or down");
  command->name("db:migrate:status");
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print one JSON document (schema in the README)");
  command->callback([&, json] { chosen = [&, json] { run_status(options, *json); }; });
}

}  // namespace forge::cli
