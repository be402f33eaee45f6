#include "dialect/postgres/postgres_database.hpp"

#include "core/errors.hpp"
#include "core/wait.hpp"
#include "dialect/postgres/postgres_conninfo.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/sql_writer.hpp"

namespace forge::dialect::postgres {

namespace {

constexpr const char* k_duplicate_database = "SQLSTATE 42P04";
constexpr const char* k_no_such_database = "SQLSTATE 3D000";
constexpr const char* k_in_use = "SQLSTATE 55006";

// A database cannot be created or dropped from a session with itself: work from `postgres`
// (or `template1` when `postgres` is the database in question).
core::DatabaseUrl maintenance_url(const core::DatabaseUrl& url) {
  core::DatabaseUrl server = url;
  server.database = url.database == "postgres" ? "template1" : "postgres";
  return server;
}

std::unique_ptr<PostgresConnection> connect_server(const core::DatabaseUrl& url,
                                                   std::chrono::milliseconds patience) {
  if (url.database.empty()) {
    throw ConfigError("the URL " + url.redacted() + " names no database",
                      "Add the database's name to the URL, e.g. postgres://user@host:5432/shop.");
  }
  const core::DatabaseUrl server = maintenance_url(url);
  try {
    auto session = core::connect_with_retry(
        [&] { return std::make_unique<PostgresConnection>(server); }, patience, core::sleep_for);
    return std::unique_ptr<PostgresConnection>(static_cast<PostgresConnection*>(session.release()));
  } catch (const ConnectionError& e) {
    throw ConnectionError(std::string(e.what()) + " (forge works on database " + url.database +
                              " from the server's " + server.database + " database)",
                          e.hint());
  }
}

bool exists(PostgresConnection& server, const std::string& name) {
  return server.query_value("SELECT 1 FROM pg_database WHERE datname = " +
                                quote_text(name, core::Dialect::postgres),
                            "pg_database") == "1";
}

// Runs CREATE/DROP DATABASE; false when the server says it was done already (a race with
// another forge), DatabaseCommandError for any other refusal.
bool run_command(PostgresConnection& server, const std::string& sql, const char* already,
                 const core::DatabaseUrl& url) {
  try {
    server.run_internal(sql, sql);
    return true;
  } catch (const StatementError& e) {
    if (e.server_code() == already) return false;
    const bool in_use = e.server_code() == k_in_use;
    throw DatabaseCommandError(
        "PostgreSQL at " + describe_target(url) + " refused " + sql + ": " + e.server_message() +
            " (" + e.server_code() + ")",
        in_use ? "Stop the sessions using the database (applications, psql), then run it again."
               : "Check that the user may create and drop databases (CREATEDB), or ask the "
                 "server's administrator.");
  }
}

}  // namespace

bool create_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  auto server = connect_server(url, patience);
  if (exists(*server, url.database)) return false;
  return run_command(*server, "CREATE DATABASE " + quote_name(url.database, core::Dialect::postgres),
                     k_duplicate_database, url);
}

bool drop_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  auto server = connect_server(url, patience);
  if (!exists(*server, url.database)) return false;
  return run_command(*server, "DROP DATABASE " + quote_name(url.database, core::Dialect::postgres),
                     k_no_such_database, url);
}

}  // namespace forge::dialect::postgres
