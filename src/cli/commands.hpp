#pragma once
#include <functional>

#include "cli/context.hpp"

namespace CLI {
class App;
}

namespace forge::cli {

/// What a command does once the command line is parsed and logging is set up.
using Action = std::function<void()>;

/// Each `add_*` registers one command family on `app`; when the user picks one of its commands,
/// CLI11 stores the command's work in `chosen`.
void add_init_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
void add_generate_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `migration:convert <unit.js>`: a JavaScript unit's declarative twin.
void add_convert_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
void add_migrate_commands(CLI::App& app, const GlobalOptions& options, Action& chosen);
void add_status_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
void add_wait_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `seed:generate`, `db:seed:all`, `db:seed`, `db:seed:undo`, `db:seed:undo:all`.
void add_seed_commands(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `db:create`, `db:drop`.
void add_database_commands(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `db:schema:dump`, `db:schema:load`.
void add_schema_commands(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `db:schema:diff FROM TO`.
void add_schema_diff_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `db:migrate:verify`: up, down and up again of every unit on a scratch database.
void add_verify_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `lint`: dangerous statements in units, found without a database.
void add_lint_command(CLI::App& app, const GlobalOptions& options, Action& chosen);
/// `completion bash`: a bash completion script for every command and option on `app`, read when
/// it runs (so it includes commands registered after it).
void add_completion_command(CLI::App& app, const GlobalOptions& options, Action& chosen);

}  // namespace forge::cli
