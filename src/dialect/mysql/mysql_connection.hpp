#pragma once
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "dialect/session_options.hpp"

namespace sql {
class Connection;
class PreparedStatement;
}  // namespace sql

namespace forge::dialect {
struct CatalogObject;
}

namespace forge::dialect::mysql {

/// A new session with the server `url` names; throws ConnectionError (never naming the
/// password).
/// A read timeout of `statement_timeout` plus a grace bounds a silent server (0: none).
std::unique_ptr<sql::Connection> connect_session(const core::DatabaseUrl& url,
                                                 std::chrono::milliseconds statement_timeout = {});

/// A session with a MySQL or MariaDB server through mysql-connector-c++ 1.1. DDL commits
/// implicitly there, so units run statement by statement outside a transaction; the migration
/// lock is GET_LOCK, which the server drops with the session, or on a Galera node (which
/// GET_LOCK does not span) a lease row (GaleraLeaseLock).
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
  core::ResultRows fetch(const core::Statement& statement) override;
  std::unique_ptr<core::Transaction> begin() override;
  std::unique_ptr<core::MigrationLock> lock(std::chrono::milliseconds wait) override;
  const core::HistorySql& history_sql() const override;
  std::vector<std::vector<std::string>> query(const std::string& sql,
                                              const std::vector<std::string>& params,
                                              const std::string& what) override;
  bool joins_transaction(const core::Statement& statement) const override;
  std::string session_tag() override;
  bool session_alive(const std::string& tag) override;
  core::Effect effect_of(const core::Statement& statement) override;
  std::optional<std::string> lock_holder() override;
  std::function<void()> canceller() override;

  /// Runs SQL that forge itself wrote, draining any result; failures become StatementError
  /// about `what`.
  void run_internal(const std::string& sql, const std::string& what);
  /// The first column of the first row of `sql`'s result, as text ("" when NULL or none).
  std::string query_value(const std::string& sql);

 private:
  /// Runs a unit's statement; the last result set's rows go to `rows` when it is not null.
  void run(const core::Statement& statement, core::ResultRows* rows);
  /// Throws read_only_server() when the server takes no writes (read_only, super_read_only).
  void refuse_read_only();
  /// The value of server variable `name` ("@@GLOBAL.read_only"); "" when the server has none.
  std::string variable(const std::string& name);
  /// Whether the catalog object exists; in mysql_effects.cpp.
  bool exists(const CatalogObject& object);
  /// Sets the session's statement timeout (m_statement_timeout, when not zero).
  void limit_statement_time();
  /// Throws ConnectionError once the Galera lease lock was lost: no more writes.
  void require_lease() const;
  /// `sql` prepared on this session, once: the history writes are the same for every unit.
  sql::PreparedStatement& prepared(const std::string& sql);

  core::DatabaseUrl m_url;  // for a second session that cancels this one's statement
  std::string m_target;     // host:port/database, for messages
  std::string m_database;
  std::chrono::milliseconds m_statement_timeout;
  std::unique_ptr<sql::Connection> m_connection;
  // query()'s statements with parameters, prepared once per session (prepared(): each new
  // preparation is a round trip of its own).
  std::map<std::string, std::unique_ptr<sql::PreparedStatement>> m_prepared;
  std::string m_session_tag;  // session_tag(), once asked
  bool m_galera = false;      // a Galera node: lease lock, certification conflicts
  std::shared_ptr<std::atomic<bool>> m_lease_lost = std::make_shared<std::atomic<bool>>(false);
};

}  // namespace forge::dialect::mysql
