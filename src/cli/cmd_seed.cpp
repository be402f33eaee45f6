// Seeders (sequelize-cli's seed commands): units in the seeders folder, run by the same runner
// as migrations but recorded in their own history table (ForgeSeeds), so each runs once.
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/run_command.hpp"
#include "cli/unit_writer.hpp"

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

// `db:seed --seed a b`: exactly those seeders, each if it has not run yet.
RunCommand seed_command(const std::string& name, std::vector<std::string> seeds) {
  return apply_command(name, UnitSet::seeders, [seeds](const std::vector<core::Unit>&) {
    core::MigrateRequest request;
    request.names = seeds;
    return request;
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
  add_run(app, options, chosen, "db:seed:all",
          "Run every seeder that has not run yet, oldest first",
          [] { return seed_command("db:seed:all", {}); });

  auto seeds = std::make_shared<std::vector<std::string>>();
  add_run(app, options, chosen, "db:seed", "Run these seeders (each if it has not run yet)",
          [seeds] { return seed_command("db:seed", *seeds); })
      .add_option("--seed", *seeds, "The seeders: file names, names or versions")
      ->required();

  auto undo = std::make_shared<core::UndoRequest>();
  add_run(app, options, chosen, "db:seed:undo",
          "Revert the most recently run seeder (or the one --seed names)",
          [undo] { return revert_command("db:seed:undo", UnitSet::seeders, *undo); })
      .add_option("--seed", undo->name, "Revert exactly this seeder: file name, name or version");

  add_run(app, options, chosen, "db:seed:undo:all", "Revert every seeder that ran, newest first",
          [] {
            core::UndoRequest all;
            all.scope = core::UndoRequest::Scope::all;
            return revert_command("db:seed:undo:all", UnitSet::seeders, all);
          });
}

}  // namespace

void add_seed_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_generator_command(
      app, options, chosen,
      {"seed:generate", "seed:create", "Write a new timestamped seeder and print its path",
       k_templates, &core::Settings::seeders_dir});
  add_seed_runs(app, options, chosen);
}

}  // namespace forge::cli
