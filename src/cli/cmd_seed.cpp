// Seeders (sequelize-cli's seed commands): units in the seeders folder, run by the same runner
// as migrations but recorded in their own history table (ForgeSeeds), so each runs once.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_command.hpp"
#include "cli/unit_writer.hpp"
#include "core/catalog.hpp"
#include "core/unit_ref.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

const char* k_sql_template =
    "-- forge:up\n"
    "-- Rows the application needs, or demo data; runs once per database. For example:\n"
    "-- INSERT INTO example (name) VALUES ('first'), ('second');\n"
    "\n"
    "-- forge:down\n"
    "-- DELETE FROM example WHERE name IN ('first', 'second');\n";

const char* k_yaml_template =
    "# A declarative forge seeder: it runs once per database (recorded in the seeders' own\n"
    "# history table, ForgeSeeds). Each item of up/down is a one-key map {operation: {fields}}:\n"
    "# bulkInsert {table, rows}, bulkDelete {table, where}, sql, or any migration operation.\n"
    "# See what will run with: forge db:seed:all --dry-run\n"
    "up:\n"
    "  - bulkInsert:\n"
    "      table: example\n"
    "      rows:\n"
    "        - { name: first }\n"
    "        - { name: second }\n"
    "\n"
    "# down is optional: without it forge deletes the rows bulkInsert added.\n"
    "# down:\n"
    "#   - bulkDelete: { table: example, where: { name: { in: [first, second] } } }\n";

const char* k_json_template =
    "{\n"
    "  \"up\": [\n"
    "    {\"bulkInsert\": {\n"
    "      \"table\": \"example\",\n"
    "      \"rows\": [\n"
    "        {\"name\": \"first\"},\n"
    "        {\"name\": \"second\"}\n"
    "      ]\n"
    "    }}\n"
    "  ]\n"
    "}\n";

const UnitTemplates k_templates = {"seeder", k_sql_template, k_yaml_template, k_json_template};

// `db:seed --seed <unit>`: the range that holds exactly that seeder (after the one before it,
// up to it), so the runner applies it alone when it has not run yet.
core::MigrateRequest only(const std::vector<core::Unit>& units, const std::string& reference) {
  const std::vector<core::HistoryRow> no_history;  // the catalog points into it
  const core::Catalog files(units, no_history);
  const core::Entry& entry = core::resolve_unit_ref(files, reference);
  core::MigrateRequest request;
  request.to = entry.name;
  const std::size_t index = files.index_of(entry);
  if (index > 0) request.from = files.entries()[index - 1].name;
  return request;
}

RunCommand seed_command(const std::string& name, std::optional<std::string> seed) {
  return apply_command(name, UnitSet::seeders, [seed](const std::vector<core::Unit>& units) {
    return seed ? only(units, *seed) : core::MigrateRequest{};
  });
}

// Registers `name` (CLI11 wants no ':' in the registered name) with --dry-run and --json; when
// chosen, it runs what `make` builds from the command's own options once they are parsed.
CLI::App& add_run(CLI::App& app, const GlobalOptions& options, Action& chosen,
                  const std::string& name, const std::string& description,
                  std::function<RunCommand()> make) {
  std::string registered = name;
  for (char& c : registered) c = c == ':' ? '-' : c;
  auto* command = app.add_subcommand(registered, description);
  command->name(name);
  add_run_action(*command, options, chosen, std::move(make));
  return *command;
}

void add_seed_runs(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_run(app, options, chosen, "db:seed:all", "Run every seeder that has not run yet, oldest first",
          [] { return seed_command("db:seed:all", std::nullopt); });

  auto seed = std::make_shared<std::string>();
  add_run(app, options, chosen, "db:seed", "Run one seeder (if it has not run yet)",
          [seed] { return seed_command("db:seed", *seed); })
      .add_option("--seed", *seed, "The seeder: file name, name or version")
      ->required();

  auto undo = std::make_shared<core::UndoRequest>();
  add_run(app, options, chosen, "db:seed:undo",
          "Revert the most recently run seeder (or the one --seed names)",
          [undo] { return revert_command("db:seed:undo", UnitSet::seeders, *undo); })
      .add_option("--seed", undo->name, "Revert exactly this seeder: file name, name or version");

  add_run(app, options, chosen, "db:seed:undo:all", "Revert every seeder that ran, newest first", [] {
    core::UndoRequest all;
    all.scope = core::UndoRequest::Scope::all;
    return revert_command("db:seed:undo:all", UnitSet::seeders, all);
  });
}

}  // namespace

void add_seed_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_generator_command(app, options, chosen,
                        {"seed:generate", "seed:create",
                         "Write a new timestamped seeder and print its path", k_templates,
                         &core::Settings::seeders_dir});
  add_seed_runs(app, options, chosen);
}

}  // namespace forge::cli
