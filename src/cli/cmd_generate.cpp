#include "cli/commands.hpp"
#include "cli/generate_from_schema.hpp"
#include "cli/unit_writer.hpp"

namespace forge::cli {

namespace {

const char* k_sql_template =
    "-- forge:up\n"
    "\n"
    "\n"
    "-- forge:down\n"
    "\n";

// Every operation the format has, commented out, so a new unit documents itself.
const char* k_yaml_template =
    "# A declarative forge unit: each dialect adapter writes its own SQL for these operations.\n"
    "# Each item of up/down is a one-key map {operation: {fields}} (sequelize's QueryInterface).\n"
    "# Operations: createTable, dropTable, renameTable, addColumn, removeColumn, renameColumn,\n"
    "# changeColumn, addIndex, removeIndex, addConstraint, removeConstraint, bulkInsert,\n"
    "# bulkDelete, sql. Types: STRING(n), CHAR(n), TEXT, INTEGER, BIGINT, SMALLINT, FLOAT,\n"
    "# DOUBLE, DECIMAL(p,s), BOOLEAN, DATE, DATEONLY, TIME, UUID, JSON, JSONB, BLOB, ENUM(...).\n"
    "# See what will run with: forge db:migrate --dry-run\n"
    "up:\n"
    "  - createTable:\n"
    "      table: example\n"
    "      columns:\n"
    "        id: { type: INTEGER, primaryKey: true, autoIncrement: true }\n"
    "        name: { type: STRING(100), allowNull: false }\n"
    "      timestamps: true   # adds created_at and updated_at\n"
    "  # - addColumn:\n"
    "  #     table: example\n"
    "  #     column: code\n"
    "  #     type: STRING(50)\n"
    "  #     allowNull: true\n"
    "  # - addIndex:\n"
    "  #     table: example\n"
    "  #     fields: [code]\n"
    "  #     name: example_code_idx\n"
    "  #     unique: true\n"
    "  #     where: { code: { ne: null } }   # a partial index (not on MySQL)\n"
    "\n"
    "# down is optional: without it forge undoes createTable, addColumn, addIndex, renames,\n"
    "# addConstraint and bulkInsert by itself, newest first. Write it for anything else.\n"
    "# down:\n"
    "#   - dropTable: { table: example }\n";

// `{"up": [...]}` in JSON: the same structure, for teams that generate units.
const char* k_json_template =
    "{\n"
    "  \"up\": [\n"
    "    {\"createTable\": {\n"
    "      \"table\": \"example\",\n"
    "      \"columns\": {\n"
    "        \"id\": {\"type\": \"INTEGER\", \"primaryKey\": true, \"autoIncrement\": true},\n"
    "        \"name\": {\"type\": \"STRING(100)\", \"allowNull\": false}\n"
    "      },\n"
    "      \"timestamps\": true\n"
    "    }}\n"
    "  ]\n"
    "}\n";

const UnitTemplates k_templates = {"migration", k_sql_template, k_yaml_template, k_json_template};

}  // namespace

void add_generate_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  add_generator_command(app, options, chosen,
                        {"migration:generate", "migration:create",
                         "Write a new timestamped migration unit and print its path", k_templates,
                         &core::Settings::migrations_dir, &generate_from_schema});
}

}  // namespace forge::cli
