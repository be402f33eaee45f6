// `migration:convert <unit.js>`: writes the declarative twin of a sequelize-cli migration, for
// teams leaving Node. The twin runs instead of the .js and is recorded under the .js name, so a
// database either tool migrated stays in step.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/errors.hpp"
#include "dialect/node/js_convert.hpp"
#include "util/files.hpp"

namespace forge::cli {

namespace {

namespace fs = std::filesystem;

// The dialect whose SQL the runner writes where a call has no declarative twin: the configured
// database's, else SQLite's.
core::Dialect configured_dialect(const GlobalOptions& options) {
  try {
    const core::Settings settings = load_settings(options);
    return core::resolve_database_url(settings, core::process_environment()).dialect;
  } catch (const Error&) {
    return core::Dialect::sqlite;
  }
}

void run_convert(const GlobalOptions& options, const std::string& file) {
  const fs::path source(file);
  std::error_code error;
  if (!fs::is_regular_file(source, error)) {
    throw UsageError(file + ": no such file", "Name a JavaScript migration or seeder.");
  }
  const std::string extension = source.extension().string();
  if (extension != ".js" && extension != ".cjs" && extension != ".mjs") {
    throw UsageError(file + ": not a JavaScript unit (.js, .cjs, .mjs)", "");
  }
  const fs::path target = fs::path(source).replace_extension(".json");
  if (fs::exists(target, error)) {
    throw UsageError(target.string() + " exists already", "Remove it to convert again.");
  }
  const dialect::NodeRuntime node;
  const std::string unit = dialect::convert_to_declarative(
      fs::absolute(source).lexically_normal().string(), file, configured_dialect(options), node);
  if (!util::write_new_file(target, unit)) {
    throw UsageError(target.string() + " exists already", "Remove it to convert again.");
  }
  print_line(target.string(), false);
}

}  // namespace

void add_convert_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand(
      "migration-convert",
      "Write the declarative twin (.json) of a JavaScript migration or seeder and print its path");
  command->name("migration:convert");  // CLI11 refuses ':' in the constructor only
  auto file = std::make_shared<std::string>();
  command->add_option("unit", *file, "The .js unit")->required();
  command->callback(
      [&options, &chosen, file] { chosen = [&options, file] { run_convert(options, *file); }; });
}

}  // namespace forge::cli
