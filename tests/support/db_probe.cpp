#include "db_probe.hpp"

#include "core/url.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cppconn/connection.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <pqxx/pqxx>

#include <memory>
#include <stdexcept>

namespace forge::testing {

namespace {

void sqlite_execute(const core::DatabaseUrl& url, const std::string& sql) {
  SQLite::Database db(url.database, SQLite::OPEN_READWRITE);
  db.exec(sql);
}

std::string sqlite_scalar(const core::DatabaseUrl& url, const std::string& sql) {
  SQLite::Database db(url.database, SQLite::OPEN_READONLY);
  SQLite::Statement query(db, sql);
  if (!query.executeStep() || query.getColumn(0).isNull()) return "";
  return query.getColumn(0).getString();
}

pqxx::result postgres_exec(const core::DatabaseUrl& url, const std::string& sql) {
  std::string conninfo = "host=" + url.host + " port=" + std::to_string(url.port.value_or(5432)) +
                         " user=" + url.user + " password=" + url.password +
                         " dbname=" + url.database + " sslmode=disable";
  pqxx::connection connection(conninfo);
  pqxx::nontransaction work(connection);
  return work.exec(sql);
}

std::string postgres_scalar(const core::DatabaseUrl& url, const std::string& sql) {
  const auto result = postgres_exec(url, sql);
  if (result.empty() || result[0][0].is_null()) return "";
  return result[0][0].as<std::string>();
}

std::unique_ptr<sql::Connection> mysql_connect(const core::DatabaseUrl& url) {
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(url.host);
  options["port"] = url.port.value_or(3306);
  options["userName"] = sql::SQLString(url.user);
  options["password"] = sql::SQLString(url.password);
  options["schema"] = sql::SQLString(url.database);
  return std::unique_ptr<sql::Connection>(get_driver_instance()->connect(options));
}

void mysql_execute(const core::DatabaseUrl& url, const std::string& sql) {
  auto connection = mysql_connect(url);
  std::unique_ptr<sql::Statement> statement(connection->createStatement());
  statement->execute(sql);
}

std::string mysql_scalar(const core::DatabaseUrl& url, const std::string& sql) {
  auto connection = mysql_connect(url);
  std::unique_ptr<sql::Statement> statement(connection->createStatement());
  std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
  if (!result->next() || result->isNull(1)) return "";
  return result->getString(1);
}

}  // namespace

std::string query_scalar(const std::string& url_text, const std::string& sql) {
  const core::DatabaseUrl url = core::parse_database_url(url_text);
  try {
    switch (url.dialect) {
      case core::Dialect::sqlite: return sqlite_scalar(url, sql);
      case core::Dialect::postgres: return postgres_scalar(url, sql);
      case core::Dialect::mysql: return mysql_scalar(url, sql);
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("probe query failed: " + sql + ": " + e.what());
  }
  return "";
}

void execute(const std::string& url_text, const std::string& sql) {
  const core::DatabaseUrl url = core::parse_database_url(url_text);
  try {
    switch (url.dialect) {
      case core::Dialect::sqlite: return sqlite_execute(url, sql);
      case core::Dialect::postgres: postgres_exec(url, sql); return;
      case core::Dialect::mysql: return mysql_execute(url, sql);
    }
  } catch (const std::exception& e) {
    throw std::runtime_error("probe statement failed: " + sql + ": " + e.what());
  }
}

long count_rows(const std::string& url, const std::string& from_where) {
  return std::stol(query_scalar(url, "SELECT COUNT(*) FROM " + from_where));
}

}  // namespace forge::testing
