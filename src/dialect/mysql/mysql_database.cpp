#include "dialect/mysql/mysql_database.hpp"

#include <cppconn/exception.h>

#include "core/errors.hpp"
#include "core/wait.hpp"
#include "dialect/mysql/mysql_connection.hpp"
#include "dialect/sql_writer.hpp"

namespace forge::dialect::mysql {

namespace {

constexpr int k_database_exists = 1007;   // ER_DB_CREATE_EXISTS
constexpr int k_no_such_database = 1008;  // ER_DB_DROP_EXISTS

std::string describe_server(const core::DatabaseUrl& url) {
  return (url.host.empty() ? std::string("127.0.0.1") : url.host) + ":" +
         std::to_string(url.port.value_or(3306));
}

std::unique_ptr<MysqlConnection> connect_server(const core::DatabaseUrl& url,
                                                std::chrono::milliseconds patience) {
  if (url.database.empty()) {
    throw ConfigError("the URL " + url.redacted() + " names no database",
                      "Add the database's name to the URL, e.g. mysql://user@host:3306/shop.");
  }
  core::DatabaseUrl server = url;
  server.database.clear();  // the database may not exist: select none
  try {
    auto session = core::connect_with_retry(
        [&] { return std::make_unique<MysqlConnection>(server); }, patience, core::sleep_for);
    return std::unique_ptr<MysqlConnection>(static_cast<MysqlConnection*>(session.release()));
  } catch (const ConnectionError& e) {
    throw ConnectionError(std::string(e.what()) + " (to work on database " + url.database + ")",
                          e.hint());
  }
}

// `why`: the server's message and code.
[[noreturn]] void refused(const core::DatabaseUrl& url, const std::string& sql,
                          const std::string& why) {
  throw DatabaseCommandError("MySQL at " + describe_server(url) + " refused " + sql + ": " + why,
                             "Check that the user may create and drop databases (the CREATE and "
                             "DROP privileges), or ask the server's administrator.");
}

bool exists(MysqlConnection& server, const core::DatabaseUrl& url) {
  const std::string sql = "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
                          quote_text(url.database, core::Dialect::mysql);
  try {
    return server.query_value(sql) != "0";
  } catch (const sql::SQLException& e) {
    refused(url, sql,
            std::string(e.what()) + " (MySQL error " + std::to_string(e.getErrorCode()) + ")");
  }
}

// Runs CREATE/DROP DATABASE; false when the server says it was done already (a race with
// another forge), DatabaseCommandError for any other refusal.
bool run_command(MysqlConnection& server, const std::string& sql, int already,
                 const core::DatabaseUrl& url) {
  try {
    server.run_internal(sql, sql);
    return true;
  } catch (const StatementError& e) {
    const std::string code = "MySQL error " + std::to_string(already) + ",";
    if (e.server_code().rfind(code, 0) == 0) return false;
    refused(url, sql, e.server_message() + " (" + e.server_code() + ")");
  }
}

}  // namespace

bool create_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  auto server = connect_server(url, patience);
  if (exists(*server, url)) return false;
  return run_command(*server,
                     "CREATE DATABASE " + quote_name(url.database, core::Dialect::mysql) +
                         " CHARACTER SET utf8mb4",
                     k_database_exists, url);
}

bool drop_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  auto server = connect_server(url, patience);
  if (!exists(*server, url)) return false;
  return run_command(*server, "DROP DATABASE " + quote_name(url.database, core::Dialect::mysql),
                     k_no_such_database, url);
}

}  // namespace forge::dialect::mysql
