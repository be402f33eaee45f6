#include <CLI/CLI.hpp>
#include <filesystem>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/errors.hpp"
#include "util/files.hpp"

namespace forge::cli {

namespace {

namespace fs = std::filesystem;

// Sequelize's keys, so its users recognise the file; production comes from the environment.
const char* k_config_template = R"({
  "development": {
    "dialect": "sqlite",
    "storage": "db/development.sqlite3"
  },
  "test": {
    "dialect": "sqlite",
    "storage": "db/test.sqlite3"
  },
  "production": {
    "url": "${DATABASE_URL}"
  }
}
)";

void make_folder(const fs::path& folder, bool quiet) {
  std::error_code error;
  if (fs::is_directory(folder, error)) return;
  if (!fs::create_directories(folder, error) || error) {
    throw ConfigError("cannot create folder " + folder.string() + ": " + error.message(), {});
  }
  print_line("Created " + folder.string() + "/", quiet);
}

// forge.json is read before Sequelize's config/config.json: written into a Sequelize project it
// would silently point forge at another database (a new SQLite file instead of PostgreSQL).
void refuse_shadowing_sequelize(const fs::path& config) {
  if (config != "forge.json") return;
  for (const char* sequelize : {"config/config.json", "config/config.js", ".sequelizerc"}) {
    if (!fs::exists(sequelize)) continue;
    throw UsageError(std::string("this is a Sequelize project (") + sequelize +
                         "); forge init writes nothing, since forge.json would take the place "
                         "of config/config.json",
                     "forge reads config/config.json as it is: run 'forge db:migrate:status' to "
                     "see it. To start a separate forge configuration, pass --config <file>.");
  }
}

void run_init(const GlobalOptions& options) {
  const fs::path config = options.flags.config.value_or("forge.json");
  refuse_shadowing_sequelize(config);
  if (fs::exists(config)) {
    throw UsageError(config.string() + " already exists; forge init changes nothing",
                     "Remove or rename it first if you want a fresh one.");
  }
  if (config.has_parent_path()) make_folder(config.parent_path(), options.quiet);
  try {
    if (!util::write_new_file(config, k_config_template)) {
      throw UsageError(config.string() + " already exists; forge init changes nothing", {});
    }
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const Error*>(&error) != nullptr) throw;
    throw ConfigError(error.what(), "Check that forge may write in this folder.");
  }
  print_line("Created " + config.string(), options.quiet);
  make_folder(options.flags.migrations_path.value_or("migrations"), options.quiet);
  make_folder(options.flags.seeders_path.value_or("seeders"), options.quiet);
  make_folder("db", options.quiet);
}

}  // namespace

void add_init_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command =
      app.add_subcommand("init", "Write forge.json and create migrations/, seeders/ and db/");
  command->callback([&] { chosen = [&] { run_init(options); }; });
}

}  // namespace forge::cli
