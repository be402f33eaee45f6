#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/fleet_options.hpp"
#include "cli/option_checks.hpp"
#include "core/errors.hpp"
#include "util/logging.hpp"
#include "util/standard_streams.hpp"

namespace forge::cli {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  auto& f = options.flags;
  app.add_option("--url", f.url,
                 "Database URL (sqlite:db/dev.sqlite3, postgres://..., mysql://...)");
  app.add_option("--env", f.env, "Environment section of the config file (default: development)");
  app.add_option("--config", f.config, "Config file (default: forge.json)");
  app.add_option("--migrations-path", f.migrations_path,
                 "Folder of migration units (default: migrations)");
  app.add_option("--meta-table", f.meta_table, "History table name (default: ForgeMeta)");
  app.add_option("--seeders-path", f.seeders_path, "Folder of seeders (default: seeders)");
  app.add_option("--seed-table", f.seed_table, "Seeders' history table name (default: ForgeSeeds)");
  app.add_option("--lock-timeout", options.lock_timeout_seconds,
                 "Seconds to wait for another forge's migration lock (default: 60)")
      ->check(seconds_option());
  app.add_option(
         "--statement-timeout", f.statement_timeout,
         "Stop a unit's statement that runs longer than this many seconds (default: no limit)")
      ->check(seconds_option());
  app.add_option("--wait", options.wait_seconds,
                 "Retry connecting for up to this many seconds while the database starts")
      ->check(seconds_option());
  // Read where Node is started (config/config.js, .sequelizerc, JavaScript units).
  app.add_option_function<std::string>(
      "--node", [](const std::string& node) { ::setenv("FORGE_NODE", node.c_str(), 1); },
      "Node.js to run JavaScript units and configs with (default: $FORGE_NODE, else node on "
      "PATH)");
  auto* verbose =
      app.add_flag("--verbose,-v", options.verbose, "Log each SQL statement as it runs");
  app.add_flag("--quiet,-q", options.quiet, "Print only errors")->excludes(verbose);
}

util::Verbosity verbosity_of(const GlobalOptions& options) {
  if (options.quiet) return util::Verbosity::quiet;
  return options.verbose ? util::Verbosity::verbose : util::Verbosity::normal;
}

// The one place errors become exit codes.
int report(const Error& error) {
  if (error.hint().empty()) {
    util::log_error("{}", error.what());
  } else {
    util::log_error("{}\n  {}", error.what(), error.hint());
  }
  return static_cast<int>(error.exit_code());
}

// A path the system refused (too long, a loop of links, no permission) where forge did not
// expect it: a usage error naming the path (shortened: it may be 100 KB long) and the reason.
UsageError path_error(const std::filesystem::filesystem_error& error) {
  std::string path = error.path1().string();
  if (path.size() > 120)
    path = path.substr(0, 100) + "... (" + std::to_string(path.size()) + " bytes)";
  return UsageError("cannot use the path " + path + ": " + error.code().message(),
                    "Check the paths given in flags, the config file and .forgerc.");
}

// A report nobody could read is a failure of its own (a CI step must not pass on a lost report),
// but a command's own failure stays the one reported.
int output_checked(int code) {
  if (util::standard_output_written() || code != 0) return code;
  util::log_error(
      "could not write forge's output to standard output (a full disk, or a pipe closed early); "
      "the history table records what the command did\n  Check where standard output goes, then "
      "run db:migrate:status to see the state.");
  return static_cast<int>(ExitCode::output);
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"forge — schema migrations for PostgreSQL, MySQL/MariaDB and SQLite", "forge"};
  app.set_version_flag("--version", "forge " FORGE_VERSION);
  app.fallthrough();  // global options after the command name too
  // At most one command; an unknown word then gets CLI11's "not expected" message.
  app.require_subcommand(0, 1);
  GlobalOptions options;
  add_global_options(app, options);
  Action chosen;
  add_init_command(app, options, chosen);
  add_generate_command(app, options, chosen);
  add_convert_command(app, options, chosen);
  add_migrate_commands(app, options, chosen);
  add_status_command(app, options, chosen);
  add_schema_commands(app, options, chosen);
  add_schema_diff_command(app, options, chosen);
  add_verify_command(app, options, chosen);
  add_lint_command(app, options, chosen);
  add_wait_command(app, options, chosen);
  add_seed_commands(app, options, chosen);
  add_database_commands(app, options, chosen);
  add_completion_command(app, options, chosen);
  refuse_fleets_elsewhere(app);

  util::setup_logging(util::Verbosity::normal);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : static_cast<int>(ExitCode::usage);
  }
  util::setup_logging(verbosity_of(options));
  if (!chosen) {
    std::cerr << app.help() << "\nerror: name a command (see above)\n";
    return static_cast<int>(ExitCode::usage);
  }
  int code = static_cast<int>(ExitCode::ok);
  try {
    chosen();
  } catch (const Error& error) {
    code = report(error);
  } catch (const std::filesystem::filesystem_error& error) {
    code = report(path_error(error));
  } catch (const std::exception& error) {
    util::log_error("unexpected failure: {}", error.what());
    code = static_cast<int>(ExitCode::unit_failed);
  }
  return output_checked(code);
}

}  // namespace forge::cli
