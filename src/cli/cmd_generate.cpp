#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/errors.hpp"
#include "core/unit_file_name.hpp"
#include "core/version.hpp"
#include "util/files.hpp"
#include "util/utc_clock.hpp"

#include <CLI/CLI.hpp>

#include <cctype>
#include <filesystem>
#include <map>

namespace forge::cli {

namespace {

namespace fs = std::filesystem;

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

enum class UnitFormat { sql, yaml, json };

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

struct Template {
  const char* extension;
  const char* text;
};

Template template_for(UnitFormat format) {
  switch (format) {
    case UnitFormat::yaml: return {".yaml", k_yaml_template};
    case UnitFormat::json: return {".json", k_json_template};
    case UnitFormat::sql: break;
  }
  return {".sql", k_sql_template};
}

void check_name(const std::string& name) {
  bool bad = name.empty() || name == "." || name == "..";
  for (unsigned char c : name) {
    if (c == '/' || c == '\\' || std::isspace(c) || std::iscntrl(c)) bad = true;
  }
  if (bad) {
    throw UsageError("invalid migration name '" + name + "'",
                     "Use a name without spaces or path separators, e.g. add-discount-code.");
  }
}

// The newest version among the folder's units, so a new unit always sorts after them.
std::string newest_version(const fs::path& folder) {
  std::string newest;
  for (const auto& entry : fs::directory_iterator(folder)) {
    auto parsed = core::parse_unit_file_name(entry.path().filename().string());
    if (parsed && (newest.empty() || core::compare_versions(parsed->version, newest) > 0)) {
      newest = parsed->version;
    }
  }
  return newest;
}

// Adds one to a digit string of any length.
std::string next_version(std::string version) {
  for (auto i = version.size(); i-- > 0;) {
    if (version[i] != '9') {
      ++version[i];
      return version;
    }
    version[i] = '0';
  }
  return "1" + version;
}

void run_generate(const GlobalOptions& options, const std::string& name, UnitFormat format) {
  check_name(name);
  const core::Settings settings = load_settings(options);
  const fs::path folder = settings.migrations_dir;
  std::error_code error;
  fs::create_directories(folder, error);
  if (!fs::is_directory(folder)) {
    throw ConfigError("cannot create the migrations folder " + folder.string(), error.message());
  }
  std::string version = util::version_stamp(std::chrono::system_clock::now());
  const std::string newest = newest_version(folder);
  // Two units made within one second (or a clock behind the newest unit) still get distinct,
  // ordered versions.
  if (!newest.empty() && core::compare_versions(version, newest) <= 0) version = next_version(newest);
  const Template chosen = template_for(format);
  const fs::path path = folder / (version + "-" + name + chosen.extension);
  if (!util::write_new_file(path, chosen.text)) {
    throw UsageError(path.string() + " already exists", "Pick another name.");
  }
  print_line(path.string(), false);  // the path alone, so scripts can use it
}

}  // namespace

void add_generate_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand("migration-generate",
                                     "Write a new timestamped migration unit and print its path");
  command->name("migration:generate");
  command->alias("migration:create");
  auto name = std::make_shared<std::string>();
  command->add_option("--name", *name, "What the unit does, e.g. add-discount-code")->required();
  auto format = std::make_shared<UnitFormat>(UnitFormat::sql);
  const std::map<std::string, UnitFormat> formats = {
      {"sql", UnitFormat::sql}, {"yaml", UnitFormat::yaml}, {"json", UnitFormat::json}};
  command->add_option("--format", *format, "sql (default), or yaml/json for a declarative unit")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  command->callback([&, name, format] {
    chosen = [&, name, format] { run_generate(options, *name, *format); };
  });
}

}  // namespace forge::cli
