#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace forge::cli {

/// The file formats a new unit can be written in (`--format`).
enum class UnitFormat { sql, yaml, json };

/// What a new unit of one kind starts as, per format.
struct UnitTemplates {
  const char* kind;  ///< "migration" or "seeder", for messages
  const char* sql;
  const char* yaml;
  const char* json;
};

/// What `--name` and `--format` said.
struct GenerateRequest {
  std::string name;
  UnitFormat format = UnitFormat::sql;
  std::optional<std::string> from_schema;  ///< `--from-schema`: the desired schema's file
  std::vector<std::string> renames;        ///< `--rename` values, in order
  std::optional<std::string> dev_url;      ///< `--dev-url`: where scratch databases are made
};

struct GeneratorCommand;

/// What a generator does with `--from-schema` (only migration:generate takes it).
using FromSchemaAction = void (*)(const GlobalOptions& options, const GenerateRequest& request,
                                  const GeneratorCommand& spec);

/// A command that writes new units of one kind.
struct GeneratorCommand {
  const char* name;   ///< e.g. `migration:generate`
  const char* alias;  ///< e.g. `migration:create`
  const char* description;
  const UnitTemplates& templates;
  std::filesystem::path core::Settings::*folder;  ///< where the units of this kind live
  FromSchemaAction from_schema = nullptr;  ///< non-null: takes --from-schema, --rename, --dev-url
};

/// Registers `spec` with `--name` (required) and `--format sql|yaml|json`; when chosen, it writes
/// the unit (write_new_unit) and prints its path alone on stdout, for scripts.
void add_generator_command(CLI::App& app, const GlobalOptions& options, Action& chosen,
                           const GeneratorCommand& spec);

/// Writes `<folder>/<version>-<name>.<ext>` holding `text` and returns its path, as
/// write_new_unit does.
std::filesystem::path write_unit_text(const std::filesystem::path& folder,
                                      const GenerateRequest& request, const char* kind,
                                      const std::string& text);

/// Writes `<folder>/<version>-<name>.<ext>` from the template for the request's format and
/// returns its path. The version is the current UTC time (YYYYMMDDHHMMSS), or one more than the
/// newest version already in the folder when that is not older. Creates the folder when missing.
/// Throws UsageError for a name with spaces or path separators, or a file that exists already;
/// ConfigError when the folder cannot be created.
std::filesystem::path write_new_unit(const std::filesystem::path& folder,
                                     const GenerateRequest& request,
                                     const UnitTemplates& templates);

}  // namespace forge::cli
