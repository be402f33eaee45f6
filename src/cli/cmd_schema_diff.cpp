#include <CLI/CLI.hpp>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/schema_source.hpp"
#include "core/errors.hpp"
#include "core/schema_diff.hpp"
#include "util/json_text.hpp"

namespace forge::cli {

namespace {

struct DiffOptions {
  std::string from;
  std::string to;
  std::optional<std::string> dev_url;
  bool json = false;
  bool exit_code = false;
};

void print_json(const std::vector<core::SchemaChange>& changes) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const core::SchemaChange& change : changes) {
    list.push_back({{"change", core::kind_name(change.kind)},
                    {"object", change.object},
                    {"name", change.name},
                    {"details", change.details}});
  }
  std::cout << util::json_text({{"differences", list}}) << "\n";
}

// Without a configured database, a side that is a database is the target: its dialect is the
// one the other side's files are read for.
GlobalOptions with_target(GlobalOptions options, const DiffOptions& diff) {
  if (options.flags.url || std::getenv("DATABASE_URL") != nullptr) return options;
  for (const std::string& side : {diff.from, diff.to}) {
    if (is_database_url(side)) {
      options.flags.url = side;
      break;
    }
  }
  return options;
}

void run_diff(const GlobalOptions& given, const DiffOptions& diff) {
  const GlobalOptions options = with_target(given, diff);
  Target target = open_target(options, Session::reading);
  const core::DatabaseUrl server = scratch_server(target, diff.dev_url);
  const core::Schema from = schema_of(diff.from, target, server);
  const core::Schema to = schema_of(diff.to, target, server);
  const std::vector<core::SchemaChange> changes = core::diff_schemas(from, to);
  if (diff.json) {
    print_json(changes);
  } else if (changes.empty()) {
    std::cout << "The schemas are the same.\n";
  } else {
    std::cout << core::changes_text(changes);
  }
  if (diff.exit_code && !changes.empty()) {
    throw DriftError(
        std::to_string(changes.size()) + " difference(s) between " + diff.from + " and " + diff.to,
        "Write a unit that makes the change, or undo the change by hand.");
  }
}

}  // namespace

void add_schema_diff_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto diff = std::make_shared<DiffOptions>();
  auto* command = app.add_subcommand(
      "db-schema-diff", "Compare two schemas: database URLs, .sql dumps or the migrations folder");
  command->name("db:schema:diff");
  command->add_option("from", diff->from, "The schema compared from")->required();
  command->add_option("to", diff->to, "The schema compared to")->required();
  command->add_option("--dev-url", diff->dev_url,
                      "Make scratch databases on this server instead of the target's");
  command->add_flag("--json", diff->json, "Print the differences as one JSON document");
  command->add_flag("--exit-code", diff->exit_code,
                    "Exit 1 when the schemas differ (CI drift check)");
  command->callback([&, diff] { chosen = [&, diff] { run_diff(options, *diff); }; });
}

}  // namespace forge::cli
