#include "dialect/mysql/mysql_connection.hpp"

#include <cppconn/connection.h>
#include <cppconn/datatype.h>
#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "core/errors.hpp"
#include "core/history_columns.hpp"
#include "dialect/mysql/mysql_sql.hpp"
#include "dialect/sql_transaction.hpp"
#include "util/strings.hpp"
#include "util/utc_clock.hpp"

namespace forge::dialect::mysql {

namespace {

// Client-side error codes that mean the session is gone, not that the SQL was wrong.
bool is_connection_lost(int code) { return code == 2006 || code == 2013 || code == 2055; }

// MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time), MySQL's ER_QUERY_TIMEOUT
// (max_execution_time).
bool is_statement_timeout(int code) { return code == 1969 || code == 3024; }

// How long the client waits on a silent server beyond the statement timeout before it gives the
// connection up: the server should have stopped the statement by then.
constexpr int k_read_grace_seconds = 60;
// A write the server does not take within this long means it is gone or hung.
constexpr int k_write_timeout_seconds = 60;

// MySQL ends a syntax error with "at line n" within the statement; turn it into the file's line.
int line_in_file(const std::string& message, int statement_line) {
  const auto offset = util::number_after_last(message, "at line ");
  if (!offset || *offset < 1 || statement_line <= 0) return statement_line;
  return statement_line + *offset - 1;
}

// `limit`: the session's statement timeout, so that a statement it stopped is reported as such.
[[noreturn]] void rethrow_as_forge_error(const sql::SQLException& e, const std::string& target,
                                         const std::string& file, int line,
                                         std::chrono::milliseconds limit = {}) {
  if (is_connection_lost(e.getErrorCode())) {
    throw ConnectionError("lost the connection to MySQL at " + target + ": " + e.what(),
                          "Check that the server is up, then run the command again.");
  }
  const std::string message(util::trim(e.what()));
  const std::string code =
      "MySQL error " + std::to_string(e.getErrorCode()) + ", SQLSTATE " + e.getSQLState();
  if (limit.count() > 0 && is_statement_timeout(e.getErrorCode())) {
    throw statement_timed_out(limit, message, code, file, line);
  }
  throw StatementError(message, code, file, line_in_file(message, line));
}

// The seconds of `span`, rounded up.
int whole_seconds(std::chrono::milliseconds span) {
  return static_cast<int>((span.count() + 999) / 1000);
}

// `span` as a decimal number of seconds: "1.500".
std::string decimal_seconds(std::chrono::milliseconds span) {
  const std::string millis = std::to_string(1000 + span.count() % 1000);  // "1500"
  return std::to_string(span.count() / 1000) + "." + millis.substr(1);
}

std::string describe_target(const core::DatabaseUrl& url) {
  return (url.host.empty() ? std::string("localhost") : url.host) + ":" +
         std::to_string(url.port.value_or(3306)) + "/" + url.database;
}

class NamedLock : public core::MigrationLock {
 public:
  NamedLock(MysqlConnection& connection, std::string name)
      : m_connection(connection), m_name(std::move(name)) {}
  ~NamedLock() override {
    try {
      m_connection.query_value("SELECT RELEASE_LOCK('" + m_name + "')");
    } catch (...) {
      // The server releases it when the session ends anyway.
    }
  }

 private:
  MysqlConnection& m_connection;
  std::string m_name;
};

}  // namespace

MysqlConnection::MysqlConnection(const core::DatabaseUrl& url, const SessionOptions& session)
    : m_target(describe_target(url)),
      m_database(url.database),
      m_statement_timeout(session.statement_timeout) {
  sql::ConnectOptionsMap options;
  options["hostName"] = sql::SQLString(url.host.empty() ? "127.0.0.1" : url.host);
  options["port"] = url.port.value_or(3306);
  options["userName"] = sql::SQLString(url.user);
  options["password"] = sql::SQLString(url.password);
  if (!url.database.empty()) options["schema"] = sql::SQLString(url.database);
  options["OPT_CONNECT_TIMEOUT"] = 10;
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["OPT_RECONNECT"] = false;
  // The client library turns SO_KEEPALIVE on with the kernel's timing and offers no way to tune
  // it; read and write timeouts bound the wait on a server that went silent.
  options["OPT_WRITE_TIMEOUT"] = k_write_timeout_seconds;
  if (m_statement_timeout.count() > 0) {
    options["OPT_READ_TIMEOUT"] = whole_seconds(m_statement_timeout) + k_read_grace_seconds;
  }
  try {
    m_connection.reset(get_driver_instance()->connect(options));
    run_internal("SET time_zone = '+00:00'", "session setup");
    limit_statement_time();
  } catch (const sql::SQLException& e) {
    throw ConnectionError(
        "cannot connect to MySQL at " + m_target + ": " + e.what(),
        "Check the host, port, database, user and password; with --wait <seconds> "
        "forge retries while the server starts.");
  }
}

MysqlConnection::~MysqlConnection() = default;

void MysqlConnection::limit_statement_time() {
  if (m_statement_timeout.count() == 0) return;
  try {
    run_internal("SET SESSION max_statement_time = " + decimal_seconds(m_statement_timeout),
                 "the statement timeout");
  } catch (const StatementError&) {
    // MySQL has no max_statement_time; its max_execution_time stops SELECT statements only.
    run_internal("SET SESSION max_execution_time = " + std::to_string(m_statement_timeout.count()),
                 "the statement timeout");
    spdlog::warn(
        "MySQL stops only SELECT statements at --statement-timeout; other statements "
        "run to the end (MariaDB stops every statement)");
  }
}

void MysqlConnection::run_internal(const std::string& sql, const std::string& what) {
  try {
    std::unique_ptr<sql::Statement> statement(m_connection->createStatement());
    statement->execute(sql);
    std::unique_ptr<sql::ResultSet> drained(statement->getResultSet());
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, what, 0);
  }
}

std::string MysqlConnection::query_value(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(m_connection->createStatement());
  std::unique_ptr<sql::ResultSet> result(statement->executeQuery(sql));
  if (!result->next() || result->isNull(1)) return "";
  return result->getString(1);
}

void MysqlConnection::execute(const core::Statement& statement) {
  try {
    std::unique_ptr<sql::Statement> sql_statement(m_connection->createStatement());
    sql_statement->execute(statement.text);
    // Drain every result, or the next statement fails with "Commands out of sync".
    do {
      std::unique_ptr<sql::ResultSet> drained(sql_statement->getResultSet());
    } while (sql_statement->getMoreResults());
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, statement.file, statement.line, m_statement_timeout);
  }
}

// MySQL cannot roll DDL back, so the runner never asks for one; it serves data-only work.
std::unique_ptr<core::Transaction> MysqlConnection::begin() {
  return std::make_unique<SqlTransaction>(
      [this](const std::string& sql) { run_internal(sql, sql); }, "START TRANSACTION");
}

std::unique_ptr<core::MigrationLock> MysqlConnection::lock(std::chrono::milliseconds wait) {
  const std::string name = lock_name(m_database);
  const auto deadline = std::chrono::steady_clock::now() + wait;
  bool told = false;
  try {
    while (query_value("SELECT GET_LOCK('" + name + "', 0)") != "1") {
      if (std::chrono::steady_clock::now() >= deadline) {
        const std::string holder = query_value("SELECT IS_USED_LOCK('" + name + "')");
        throw LockTimeout("another forge held the migration lock on " + m_target + " for over " +
                              util::seconds_text(wait) +
                              (holder.empty() ? "" : " (held by connection " + holder + ")"),
                          "Wait for that forge to finish, or end it (SHOW PROCESSLIST; KILL <id>); "
                          "raise --lock-timeout to wait longer.");
      }
      if (!told)
        spdlog::info("waiting for the migration lock on {} (another forge is running)", m_target);
      told = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, "migration lock", 0);
  }
  return std::make_unique<NamedLock>(*this, name);
}

void MysqlConnection::ensure_history(const std::string& table) {
  const auto columns = history_columns(table);
  if (columns.empty()) {
    run_internal(create_history_sql(table), "history table " + table);
    return;
  }
  for (const auto& column : core::missing_history_columns(columns)) {
    run_internal(add_history_column_sql(table, column), "history table " + table);
  }
}

std::vector<std::string> MysqlConnection::history_columns(const std::string& table) {
  try {
    std::unique_ptr<sql::PreparedStatement> query(
        m_connection->prepareStatement(history_columns_sql()));
    query->setString(1, table);
    std::unique_ptr<sql::ResultSet> result(query->executeQuery());
    std::vector<std::string> columns;
    while (result->next()) columns.push_back(result->getString(1));
    return columns;
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, "history table " + table, 0);
  }
}

std::vector<core::HistoryRow> MysqlConnection::read_history(const std::string& table) {
  const auto columns = history_columns(table);
  if (columns.empty()) return {};  // no table yet
  try {
    std::unique_ptr<sql::Statement> query(m_connection->createStatement());
    std::unique_ptr<sql::ResultSet> result(
        query->executeQuery(select_history_sql(table, core::missing_history_columns(columns))));
    std::vector<core::HistoryRow> rows;
    while (result->next()) {
      core::HistoryRow row;
      row.name = result->getString(1);
      row.checksum = result->getString(2);
      row.applied_at = result->getString(3);
      row.execution_ms = result->getInt64(4);
      row.state = core::parse_state(result->getString(5));
      row.statements_done = result->getInt(6);
      row.statement_hashes = result->getString(7);
      rows.push_back(std::move(row));
    }
    return rows;
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, "history table " + table, 0);
  }
}

void MysqlConnection::record(const std::string& table, const core::HistoryRow& row) {
  try {
    std::unique_ptr<sql::PreparedStatement> upsert(
        m_connection->prepareStatement(upsert_history_sql(table)));
    upsert->setString(1, row.name);
    upsert->setString(2, row.checksum);
    if (row.applied_at.empty()) {
      upsert->setNull(3, sql::DataType::TIMESTAMP);  // unknown: a row another tool wrote
    } else {
      upsert->setString(3, to_datetime(row.applied_at));
    }
    upsert->setInt64(4, row.execution_ms);
    upsert->setString(5, core::state_name(row.state));
    upsert->setInt(6, row.statements_done);
    upsert->setString(7, row.statement_hashes);
    upsert->executeUpdate();
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, "history table " + table, 0);
  }
}

void MysqlConnection::erase(const std::string& table, const std::string& name) {
  try {
    std::unique_ptr<sql::PreparedStatement> remove(
        m_connection->prepareStatement(delete_history_sql(table)));
    remove->setString(1, name);
    remove->executeUpdate();
  } catch (const sql::SQLException& e) {
    rethrow_as_forge_error(e, m_target, "history table " + table, 0);
  }
}

}  // namespace forge::dialect::mysql
