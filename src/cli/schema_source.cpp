#include "cli/schema_source.hpp"

#include <filesystem>

#include "cli/schema_file.hpp"
#include "core/errors.hpp"
#include "core/runner.hpp"
#include "core/sql_splitter.hpp"
#include "declarative/schema_reader.hpp"
#include "dialect/registry.hpp"
#include "dialect/schema_io.hpp"
#include "dialect/scratch_database.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace forge::cli {

namespace {

core::Schema read_from(core::Connection& connection, const Target& target) {
  return dialect::read_schema(connection, history_tables(target));
}

// True when `text` has a unit's up marker (dbmate's, forge's, goose's) on a line of its own: a
// migration unit, whose down would run too if it were loaded as a dump.
bool is_unit_text(const std::string& text) {
  for (const std::string& line : util::split(text, '\n')) {
    const std::string marker = util::to_lower(util::trim(line));
    if (marker.rfind("-- migrate:up", 0) == 0 || marker.rfind("-- forge:up", 0) == 0 ||
        marker.rfind("-- +goose up", 0) == 0) {
      return true;
    }
  }
  return false;
}

core::Schema loaded_schema(const std::string& file, const Target& target,
                           const core::DatabaseUrl& server) {
  const std::string text = read_schema_file(file);
  if (is_unit_text(text)) {
    throw UsageError(file + " is a migration unit (it has an up marker), not a schema dump",
                     "Name the folder of units to replay them, or a file written by "
                     "'forge db:schema:dump'.");
  }
  const dialect::ScratchDatabase scratch(server, target.connection.get());
  const auto connection = scratch.connect();
  for (const core::Statement& statement :
       core::split_sql(text, core::SqlOrigin{file, 1}, connection->dialect())) {
    connection->execute(statement);
  }
  return read_from(*connection, target);
}

}  // namespace

std::string read_schema_file(const std::string& file) {
  try {
    return util::read_file(file);
  } catch (const std::runtime_error& e) {
    throw UsageError(e.what(),
                     "Name a schema dump (.sql or .yaml) that exists, a database URL, or a "
                     "folder of units.");
  }
}

bool is_database_url(const std::string& side) {
  return side.find("://") != std::string::npos || util::starts_with(side, "sqlite:");
}

core::DatabaseUrl scratch_server(const Target& target, const std::optional<std::string>& dev_url) {
  if (!dev_url) return target.url;
  core::DatabaseUrl server = core::parse_database_url(*dev_url);
  if (server.dialect != target.url.dialect) {
    throw UsageError("--dev-url is a " + std::string(core::dialect_name(server.dialect)) +
                         " database, and the target is " +
                         std::string(core::dialect_name(target.url.dialect)),
                     "Give a --dev-url of the target's kind.");
  }
  return server;
}

core::Schema replayed_schema(const std::vector<core::Unit>& units, const Target& target,
                             const core::DatabaseUrl& server) {
  const dialect::ScratchDatabase scratch(server, target.connection.get());
  const auto connection = scratch.connect();
  SilentReporter reporter;
  core::run_migrate(*connection, units, core::MigrateRequest{}, reporter, target.run);
  return read_from(*connection, target);
}

core::Schema schema_of(const std::string& side, const Target& target,
                       const core::DatabaseUrl& server) {
  if (is_database_url(side)) {
    const auto connection = dialect::connect(core::parse_database_url(side));
    return read_from(*connection, target);
  }
  std::error_code error;
  if (std::filesystem::is_directory(side, error)) {
    const bool configured =
        std::filesystem::equivalent(side, target.settings.migrations_dir, error);
    return replayed_schema(configured ? target.units() : load_units_for(side, target.url.dialect),
                           target, server);
  }
  if (util::ends_with(side, ".sql")) return loaded_schema(side, target, server);
  if (util::ends_with(side, ".yaml") || util::ends_with(side, ".yml")) {
    try {
      return declarative::read_schema_yaml(read_schema_file(side), side);
    } catch (const MigrationFileError& e) {
      throw UsageError(e.what(),
                       "Fix the schema file: it is read as db:schema:dump --format yaml "
                       "writes it.");
    }
  }
  throw UsageError(
      "'" + side +
          "' is neither a database URL, a .sql or .yaml schema dump, nor a folder of units",
      "Give a URL (postgres://..., mysql://..., sqlite:file.db), a file written by "
      "'forge db:schema:dump', or the migrations folder.");
}

}  // namespace forge::cli
