#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/fleet_options.hpp"
#include "cli/fleet_run.hpp"
#include "cli/output.hpp"
#include "core/catalog.hpp"
#include "core/errors.hpp"

namespace forge::cli {

namespace {

// --fail-on-pending: a CI gate that fails while anything is left to apply.
void gate_on_pending(const core::Catalog& catalog) {
  std::size_t pending = 0;
  std::string first;
  for (const auto& entry : catalog.entries()) {
    if (entry.is_applied()) continue;
    if (pending++ == 0) first = entry.name;
  }
  if (pending > 0) {
    throw PendingError(std::to_string(pending) + " unit(s) not applied, starting with " + first,
                       "Run 'forge db:migrate'.");
  }
}

void run_status(const GlobalOptions& options, bool json, bool fail_on_pending) {
  // Read-only: no lock, no file created, and a database forge never touched simply has no
  // history yet.
  // History and lock holder are read while the units are.
  struct Reads {
    std::vector<core::HistoryRow> history;
    std::optional<std::string> holder;
  };
  const auto reads = std::make_shared<Reads>();
  Target target = open_target(options, Session::reading, UnitSet::migrations,
                              [reads](core::Connection& connection, const std::string& table) {
                                reads->history = connection.read_history(table);
                                reads->holder = connection.lock_holder();
                              });
  const core::Catalog catalog(target.units(), reads->history);
  const auto& holder = reads->holder;
  if (json) {
    print_status_json(catalog.entries(), target.url.redacted(), target.settings.environment,
                      target.run.history_table, holder);
  } else {
    print_status_text(catalog.entries(), options.quiet, holder);
  }
  if (fail_on_pending) gate_on_pending(catalog);
}

}  // namespace

void add_status_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("db-migrate-status", "List every unit as up or down");
  command->name("db:migrate:status");
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print one JSON document (schema in the README)");
  auto fail_on_pending = std::make_shared<bool>(false);
  command->add_flag("--fail-on-pending", *fail_on_pending,
                    "Exit 6 when any unit is not applied (a CI gate)");
  auto fleet = std::make_shared<FleetOptions>();
  add_fleet_options(*command, *fleet, true);
  command->callback([&, json, fail_on_pending, fleet] {
    chosen = [&, json, fail_on_pending, fleet] {
      fleet->check();
      if (!fleet->given()) return run_status(options, *json, *fail_on_pending);
      const bool gate = *fail_on_pending;
      run_fleet(options, *fleet, {"db:migrate:status", UnitSet::migrations, true, *json},
                [gate](const GlobalOptions& mine) { run_status(mine, true, gate); });
    };
  });
}

}  // namespace forge::cli
