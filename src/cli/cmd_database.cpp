// db:create and db:drop: the database itself, not its schema (sequelize-cli's commands).
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/errors.hpp"
#include "dialect/registry.hpp"

#include <CLI/CLI.hpp>

#include <memory>

namespace forge::cli {

namespace {

constexpr const char* k_protected_environment = "production";

core::DatabaseUrl target_url(const core::Settings& settings) {
  return core::resolve_database_url(settings, core::process_environment());
}

void run_create(const GlobalOptions& options) {
  const core::DatabaseUrl url = target_url(load_settings(options));
  const auto change = dialect::create_database(url, wait_patience(options));
  print_line(change == dialect::DatabaseChange::done
                 ? "Database " + url.redacted() + " created."
                 : "Database " + url.redacted() + " already exists; nothing to do.",
             options.quiet);
}

void run_drop(const GlobalOptions& options, bool force) {
  const core::Settings settings = load_settings(options);
  if (settings.environment == k_protected_environment && !force) {
    throw UsageError("refusing to drop the database of the \"" + settings.environment +
                         "\" environment",
                     "Dropping it deletes every table and row. If that is really what you want, "
                     "run the command again with --force.");
  }
  const core::DatabaseUrl url = target_url(settings);
  const auto change = dialect::drop_database(url, wait_patience(options));
  print_line(change == dialect::DatabaseChange::done
                 ? "Database " + url.redacted() + " dropped."
                 : "Database " + url.redacted() + " does not exist; nothing to do.",
             options.quiet);
}

}  // namespace

void add_database_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* create = app.add_subcommand(
      "db-create", "Create the database (exits 0 when it exists already)");
  create->name("db:create");
  create->callback([&] { chosen = [&] { run_create(options); }; });

  auto* drop = app.add_subcommand(
      "db-drop", "Drop the database, with every table and row (production needs --force)");
  drop->name("db:drop");
  auto force = std::make_shared<bool>(false);
  drop->add_flag("--force", *force, "Drop it even when the environment is production");
  drop->callback([&, force] { chosen = [&, force] { run_drop(options, *force); }; });
}

}  // namespace forge::cli
