#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/schema_file.hpp"
#include "cli/schema_source.hpp"
#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "dialect/schema_io.hpp"
#include "util/files.hpp"

namespace forge::cli {

namespace {

struct DumpOptions {
  std::string format = "sql";
  std::string out;
};

void run_dump(const GlobalOptions& options, const DumpOptions& dump) {
  Target target = open_target(options, Session::reading);
  const std::string text = schema_text(target, dump.format);
  if (dump.out.empty()) {
    std::cout << text << std::flush;
    return;
  }
  try {
    util::replace_file(dump.out, text);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what(), "Give --out a file in a folder that exists and that you can write.");
  }
  std::cerr << "Wrote the schema to " << dump.out << "\n";
}

void run_load(const GlobalOptions& options, const std::string& file) {
  const std::string text = read_schema_file(file);
  Target target = open_target(options);
  const core::Schema present = dialect::read_schema(*target.connection, history_tables(target));
  if (!present.tables.empty() || !present.objects.empty()) {
    throw UsageError("the database is not empty (it has " + std::to_string(present.tables.size()) +
                         " table(s)); db:schema:load builds a schema in an empty database",
                     "Load into a new database (forge db:create), or drop this one first.");
  }
  const auto lock = target.connection->lock(target.run.lock_wait);
  for (const core::Statement& statement :
       core::split_sql(text, core::SqlOrigin{file, 1}, target.connection->dialect())) {
    target.connection->execute(statement);
  }
  std::cerr << "Loaded " << file << "\n";
}

}  // namespace

void add_schema_commands(CLI::App& app, const GlobalOptions& options, Action& chosen) {
  auto dump = std::make_shared<DumpOptions>();
  auto* dump_command = app.add_subcommand("db-schema-dump", "Print the database's schema");
  dump_command->name("db:schema:dump");
  dump_command->add_option("--format", dump->format, "sql (default) or yaml")
      ->check(CLI::IsMember({"sql", "yaml"}));
  dump_command->add_option("--out", dump->out, "Write it to this file instead of the output");
  dump_command->callback([&, dump] { chosen = [&, dump] { run_dump(options, *dump); }; });

  auto file = std::make_shared<std::string>("schema.sql");
  auto* load_command =
      app.add_subcommand("db-schema-load", "Build a dumped schema in an empty database");
  load_command->name("db:schema:load");
  load_command->add_option("file", *file, "The SQL dump (default: schema.sql)");
  load_command->callback([&, file] { chosen = [&, file] { run_load(options, *file); }; });
}

}  // namespace forge::cli
