#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/config.hpp"

#include <CLI/CLI.hpp>

namespace forge::cli {

namespace {

constexpr double k_default_wait_seconds = 60;

void run_wait(const GlobalOptions& options) {
  const core::Settings settings = load_settings(options);
  const core::DatabaseUrl url = core::resolve_database_url(settings, core::process_environment());
  GlobalOptions waiting = options;
  if (!waiting.wait_seconds) waiting.wait_seconds = k_default_wait_seconds;
  connect_waiting(url, wait_patience(waiting));
  print_line("Database " + url.redacted() + " is ready.", options.quiet);
}

}  // namespace

void add_wait_command(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto* command = app.add_subcommand(
      "db-wait", "Wait until the database accepts connections (up to --wait seconds, default 60)");
  command->name("db:wait");
  command->callback([&] { chosen = [&] { run_wait(options); }; });
}

}  // namespace forge::cli
