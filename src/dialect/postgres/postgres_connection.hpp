#pragma once
#include <memory>
#include <string>
#include <unordered_map>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "dialect/session_options.hpp"

namespace pqxx {
class connection_base;
class nontransaction;
class result;
}  // namespace pqxx

namespace forge::dialect {
struct CatalogObject;
}

namespace forge::dialect::postgres {

class NoticeLogger;

/// A session with a PostgreSQL server through libpqxx. DDL is transactional; the migration lock
/// is a session-level advisory lock, which the server drops with the session.
class PostgresConnection : public core::Connection {
 public:
  /// Connects; throws ConnectionError naming host, port and database (never the password).
  /// A statement timeout becomes the session's statement_timeout.
  explicit PostgresConnection(const core::DatabaseUrl& url, const SessionOptions& options = {});
  ~PostgresConnection() override;

  core::Dialect dialect() const noexcept override { return core::Dialect::postgres; }
  core::Capabilities capabilities() const noexcept override { return {true}; }
  void execute(const core::Statement& statement) override;
  core::ResultRows fetch(const core::Statement& statement) override;
  std::unique_ptr<core::Transaction> begin() override;
  std::unique_ptr<core::MigrationLock> lock(std::chrono::milliseconds wait) override;
  const core::HistorySql& history_sql() const override;
  std::vector<std::vector<std::string>> query(const std::string& sql,
                                              const std::vector<std::string>& params,
                                              const std::string& what) override;
  std::string session_tag() override;
  bool session_alive(const std::string& tag) override;
  core::Effect effect_of(const core::Statement& statement) override;
  std::optional<std::string> lock_holder() override;
  std::function<void()> canceller() override;

  /// Runs SQL that forge itself wrote; failures become StatementError about `what`.
  void run_internal(const std::string& sql, const std::string& what);
  /// The first column of the first row of `sql`'s result, as text ("" when NULL or none);
  /// failures become StatementError about `what`.
  std::string query_value(const std::string& sql, const std::string& what);

 private:
  /// Throws read_only_server() when the server is a standby or read-only for this session.
  void refuse_read_only();
  /// Whether the catalog object exists (an index only when valid); in postgres_effects.cpp.
  bool exists(const CatalogObject& object);
  /// Drops the INVALID indexes an interrupted run of `statement` (a concurrent index build)
  /// left behind; logs a warning naming each.
  void drop_leftover_indexes(const core::Statement& statement);
  /// Runs a unit's statement; failures become StatementError at its file and line.
  pqxx::result run(const core::Statement& statement);
  /// Runs one of forge's own parameterised statements, prepared on the session the first time.
  pqxx::result run_prepared(const std::string& sql, const std::vector<std::string>& params);
  /// The advisory lock's key: the database's, or the schema's under ?search_path=.
  std::int64_t lock_key();

  std::string m_conninfo;  // for a second session that cancels this one's statement
  std::string m_target;    // host:port/database, for messages
  std::string m_database;
  bool m_schema_lock;  // ?search_path= given: one lock per schema (schema-per-tenant)
  std::chrono::milliseconds m_statement_timeout;
  std::string m_session_tag;  // session_tag(), once asked
  // Statement text -> the name it is prepared under on this session. Parsing and planning the
  // history upsert anew took the server ~0.1 ms a unit; prepared once, a unit's history write
  // costs less than the plain INSERT of a client session's.
  std::unordered_map<std::string, std::string> m_prepared;
  // pqxx::connection closes in its own destructor, which deleting through connection_base (not
  // virtual) would skip, leaving the session open until forge exits.
  struct CloseConnection {
    void operator()(pqxx::connection_base* connection) const noexcept;
  };
  std::unique_ptr<pqxx::connection_base, CloseConnection> m_connection;
  std::unique_ptr<NoticeLogger> m_notices;
  // One long-lived autocommit session: forge sends BEGIN/COMMIT itself, so a file's own
  // transaction statements and statements that refuse transaction blocks both work.
  std::unique_ptr<pqxx::nontransaction> m_session;
};

}  // namespace forge::dialect::postgres
