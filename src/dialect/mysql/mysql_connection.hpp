#pragma once
#include <memory>
#include <string>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "dialect/session_options.hpp"

namespace sql {
class Connection;
}

namespace forge::dialect::mysql {

/// A session with a MySQL or MariaDB server through mysql-connector-c++ 1.1. DDL commits
/// implicitly there, so units run statement by statement outside a transaction; the migration
/// lock is GET_LOCK, which the server drops with the session.
class MysqlConnection : public core::Connection {
 public:
  /// Connects; throws ConnectionError naming host, port and database (never the password).
  /// A statement timeout becomes MariaDB's max_statement_time, or on MySQL (which has none)
  /// max_execution_time, which bounds SELECT statements only.
  explicit MysqlConnection(const core::DatabaseUrl& url, const SessionOptions& options = {});
  ~MysqlConnection() override;

  core::Dialect dialect() const noexcept override { return core::Dialect::mysql; }
  core::Capabilities capabilities() const noexcept override { return {false}; }
  void execute(const core::Statement& statement) override;
  std::unique_ptr<core::Transaction> begin() override;
  std::unique_ptr<core::MigrationLock> lock(std::chrono::milliseconds wait) override;
  void ensure_history(const std::string& table) override;
  std::vector<core::HistoryRow> read_history(const std::string& table) override;
  void record(const std::string& table, const core::HistoryRow& row) override;
  void erase(const std::string& table, const std::string& name) override;

  /// Runs SQL that forge itself wrote, draining any result; failures become StatementError
  /// about `what`.
  void run_internal(const std::string& sql, const std::string& what);
  /// The first column of the first row of `sql`'s result, as text ("" when NULL or none).
  std::string query_value(const std::string& sql);

 private:
  /// Sets the session's statement timeout (m_statement_timeout, when not zero).
  void limit_statement_time();
  /// The history table's column names; empty when it does not exist.
  std::vector<std::string> history_columns(const std::string& table);

  std::string m_target;  // host:port/database, for messages
  std::string m_database;
  std::chrono::milliseconds m_statement_timeout;
  std::unique_ptr<sql::Connection> m_connection;
};

}  // namespace forge::dialect::mysql
