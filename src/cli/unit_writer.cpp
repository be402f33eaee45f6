#include "cli/unit_writer.hpp"

#include <CLI/CLI.hpp>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>

#include "cli/output.hpp"
#include "core/errors.hpp"
#include "core/unit_file_name.hpp"
#include "core/version.hpp"
#include "util/files.hpp"
#include "util/utc_clock.hpp"

namespace forge::cli {

namespace {

namespace fs = std::filesystem;

struct Template {
  const char* extension;
  const char* text;
};

Template template_for(UnitFormat format, const UnitTemplates& templates) {
  switch (format) {
    case UnitFormat::yaml:
      return {".yaml", templates.yaml};
    case UnitFormat::json:
      return {".json", templates.json};
    case UnitFormat::sql:
      break;
  }
  return {".sql", templates.sql};
}

void check_name(const std::string& name, const char* kind) {
  bool bad = name.empty() || name == "." || name == "..";
  for (unsigned char c : name) {
    if (c == '/' || c == '\\' || std::isspace(c) || std::iscntrl(c)) bad = true;
  }
  if (bad) {
    throw UsageError("invalid " + std::string(kind) + " name '" + name + "'",
                     "Use a name without spaces or path separators, e.g. add-discount-code.");
  }
}

// The longest name forge writes: with the version and extension the file name stays well
// under the 255 bytes a file system takes.
constexpr std::size_t k_max_name_bytes = 200;

void check_length(const std::string& name, const char* kind) {
  if (name.size() <= k_max_name_bytes) return;
  throw UsageError("the " + std::string(kind) + " name is " + std::to_string(name.size()) +
                       " bytes long; at most " + std::to_string(k_max_name_bytes) + " are taken",
                   "Use a shorter name, e.g. add-discount-code.");
}

// The file must be read back as what was asked for: one unit of this version and name, for
// every dialect, holding both directions. `rev.up` would be read as golang-migrate's up file,
// `oops.down` as a lone down, `x.postgres` as a PostgreSQL-only unit.
void check_read_back(const std::string& file_name, const std::string& version,
                     const std::string& name, const char* kind) {
  const auto parsed = core::parse_unit_file_name(file_name);
  if (parsed && parsed->version == version && parsed->dialect_tag.empty() &&
      parsed->role == core::FileRole::both && !parsed->autocommit &&
      parsed->stem == version + "-" + name) {
    return;
  }
  throw UsageError("the " + std::string(kind) + " name '" + name + "' would change what the file " +
                       file_name + " means (a direction, a dialect or an option in its name)",
                   "Use a name without dots, e.g. add-discount-code.");
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

void make_folder(const fs::path& folder, const char* kind) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (!fs::is_directory(folder)) {
    throw ConfigError("cannot create the " + std::string(kind) + "s folder " + folder.string(),
                      error.message());
  }
}

}  // namespace

void add_generator_command(CLI::App& app, const GlobalOptions& options, Action& chosen,
                           const GeneratorCommand& spec) {
  std::string registered = spec.name;  // CLI11 wants no ':' in the registered name
  for (char& c : registered) c = c == ':' ? '-' : c;
  auto* command = app.add_subcommand(registered, spec.description);
  command->name(spec.name);
  command->alias(spec.alias);
  auto request = std::make_shared<GenerateRequest>();
  command->add_option("--name", request->name, "What the unit does, e.g. add-discount-code")
      ->required();
  const std::map<std::string, UnitFormat> formats = {
      {"sql", UnitFormat::sql}, {"yaml", UnitFormat::yaml}, {"json", UnitFormat::json}};
  command
      ->add_option("--format", request->format,
                   "sql (default), or yaml/json for a declarative unit")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  if (spec.from_schema) {
    command->add_option("--from-schema", request->from_schema,
                        "Write the unit that takes the units' schema to this one (a YAML or SQL "
                        "schema dump)");
    command->add_option("--rename", request->renames,
                        "A rename, never guessed: old=new (a table), table.old=table.new (a "
                        "column); repeatable");
    command->add_option("--dev-url", request->dev_url,
                        "With --from-schema: make scratch databases on this server");
  }
  command->callback([&options, &chosen, request, spec] {
    chosen = [&options, request, spec] {
      if (request->from_schema) return spec.from_schema(options, *request, spec);
      if (!request->renames.empty() || request->dev_url) {
        throw UsageError("--rename and --dev-url go with --from-schema",
                         "Add --from-schema FILE, or leave them out.");
      }
      const fs::path folder = load_settings(options).*spec.folder;
      print_line(write_new_unit(folder, *request, spec.templates).string(), false);
    };
  });
}

fs::path write_new_unit(const fs::path& folder, const GenerateRequest& request,
                        const UnitTemplates& templates) {
  return write_unit_text(folder, request, templates.kind,
                         template_for(request.format, templates).text);
}

fs::path write_unit_text(const fs::path& folder, const GenerateRequest& request, const char* kind,
                         const std::string& text) {
  check_name(request.name, kind);
  check_length(request.name, kind);
  make_folder(folder, kind);
  std::string version = util::version_stamp(std::chrono::system_clock::now());
  const std::string newest = newest_version(folder);
  // Two units made within one second (or a clock behind the newest unit) still get distinct,
  // ordered versions.
  // (A Flyway version's first part alone, plus one, sorts after it: 3.2 -> 4.)
  if (!newest.empty() && core::compare_versions(version, newest) <= 0) {
    version = next_version(newest.substr(0, newest.find('.')));
  }
  const Template chosen = template_for(request.format, UnitTemplates{kind, "", "", ""});
  const std::string file_name = version + "-" + request.name + chosen.extension;
  check_read_back(file_name, version, request.name, kind);
  const fs::path path = folder / file_name;
  if (!util::write_new_file(path, text)) {
    throw UsageError(path.string() + " already exists", "Pick another name.");
  }
  return path;
}

}  // namespace forge::cli
