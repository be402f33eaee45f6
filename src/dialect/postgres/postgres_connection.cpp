#include "dialect/postgres/postgres_connection.hpp"

#include <optional>
#include <pqxx/pqxx>

#include "core/errors.hpp"
#include "dialect/history_sql.hpp"
#include "dialect/postgres/concurrent_index.hpp"
#include "dialect/postgres/postgres_conninfo.hpp"
#include "dialect/postgres/postgres_lock.hpp"
#include "dialect/postgres/postgres_sql.hpp"
#include "dialect/sql_transaction.hpp"
#include "dialect/url_params.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"

namespace forge::dialect::postgres {

/// Passes the server's messages to the log instead of dropping them: WARNINGs as warnings,
/// NOTICEs (`... does not exist, skipping` after IF EXISTS, which forge's own SQL uses) only
/// with -v.
class NoticeLogger : public pqxx::errorhandler {
 public:
  explicit NoticeLogger(pqxx::connection_base& connection) : pqxx::errorhandler(connection) {}
  bool operator()(const char message[]) noexcept override {
    try {
      const std::string_view text = util::trim(message);
      if (util::starts_with(text, "WARNING")) {
        util::log_warn("postgres: {}", text);
      } else {
        util::log_debug("postgres: {}", text);
      }
    } catch (...) {
    }
    return false;
  }
};

namespace {

// How a column's values read back in JavaScript, as node-postgres types them: booleans, the
// integers and floats that fit a JavaScript number; BIGINT and NUMERIC stay text.
char value_kind(pqxx::oid type) {
  switch (type) {
    case 16:  // bool
      return 'b';
    case 21:   // int2
    case 23:   // int4
    case 26:   // oid
    case 700:  // float4
    case 701:  // float8
      return 'n';
    default:
      return 's';
  }
}

// PostgreSQL reports a syntax error's position as "LINE n:" within the statement; turn it
// into the file's line.
int line_in_file(const std::string& message, int statement_line) {
  const auto offset = util::number_after_last(message, "LINE ");
  if (!offset || *offset < 1 || statement_line <= 0) return statement_line;
  return statement_line + *offset - 1;
}

// libpqxx 6 reports a connection that went away mid-statement as its failure to read the
// client encoding afterwards, which tells the user nothing.
std::string lost_connection_detail(const char* what) {
  const std::string detail(util::trim(what));
  if (detail.find("client encoding") != std::string::npos) return "the connection was closed";
  return detail;
}

// Why a SQLSTATE means the server cannot take writes; nullopt for other failures.
std::optional<WriteRefusal> write_refusal(const std::string& sqlstate) {
  if (sqlstate == "25006") {
    return WriteRefusal{"the server is a standby or read-only",
                        "Point forge at the primary (SELECT pg_is_in_recovery() is true on a "
                        "standby), or turn default_transaction_read_only off for forge's user "
                        "and database (SHOW default_transaction_read_only); then run the command "
                        "again."};
  }
  if (sqlstate == "53100") {
    return WriteRefusal{"disk full",
                        "Free space on the server's data or WAL disk, then run the command "
                        "again; units completed before stay done."};
  }
  if (sqlstate.rfind("53", 0) == 0 || sqlstate == "58030") {
    return WriteRefusal{"the server is out of resources (disk, memory or an I/O error)",
                        "Check the server's log and its disks, then run the command again."};
  }
  return std::nullopt;
}

// The server's report of a statement stopped by statement_timeout (not by a cancel request).
bool is_statement_timeout(const pqxx::sql_error& e) {
  return e.sqlstate() == "57014" &&
         std::string_view(e.what()).find("statement timeout") != std::string_view::npos;
}

// `limit`: the session's statement timeout, so that a statement it stopped is reported as such.
[[noreturn]] void rethrow_as_forge_error(const std::string& target, const std::string& file,
                                         int line, std::chrono::milliseconds limit = {}) {
  try {
    throw;
  } catch (const pqxx::broken_connection& e) {
    throw ConnectionError(
        "lost the connection to PostgreSQL at " + target + ": " + lost_connection_detail(e.what()),
        "Check that the server is up, then run the command again.");
  } catch (const pqxx::sql_error& e) {
    const std::string message(util::trim(e.what()));
    if (limit.count() > 0 && is_statement_timeout(e)) {
      throw statement_timed_out(limit, message, "SQLSTATE " + e.sqlstate(), file, line);
    }
    if (auto why = write_refusal(e.sqlstate())) {
      throw NotWritableError(std::move(*why), message, "SQLSTATE " + e.sqlstate(), file,
                             line_in_file(message, line));
    }
    throw StatementError(message, "SQLSTATE " + e.sqlstate(), file, line_in_file(message, line));
  } catch (const pqxx::failure& e) {
    throw StatementError(std::string(util::trim(e.what())), {}, file, line);
  }
}

}  // namespace

PostgresConnection::PostgresConnection(const core::DatabaseUrl& url, const SessionOptions& options)
    : m_conninfo(to_conninfo(url)),
      m_target(describe_target(url)),
      m_database(url.database),
      m_schema_lock(!url_param(url, "search_path").empty()),
      m_statement_timeout(options.statement_timeout) {
  try {
    m_connection.reset(new pqxx::connection(m_conninfo));
  } catch (const std::exception& e) {
    throw ConnectionError(
        "cannot connect to PostgreSQL at " + m_target + ": " + std::string(util::trim(e.what())),
        "Check the host, port, database, user and password; with --wait <seconds> "
        "forge retries while the server starts.");
  }
  m_notices = std::make_unique<NoticeLogger>(*m_connection);
  m_session = std::make_unique<pqxx::nontransaction>(*m_connection, "forge");
  // A server notices a vanished client only when it next writes to it: a forge killed during a
  // long statement would keep its transaction and migration lock until the statement ends.
  // PostgreSQL 14+ can poll the socket meanwhile and cancel the statement at once.
  if (m_connection->server_version() >= 140000) {
    run_internal("SET client_connection_check_interval = '1s'", "the connection check");
  }
  if (m_statement_timeout.count() > 0) {
    run_internal("SET statement_timeout = " + std::to_string(m_statement_timeout.count()),
                 "the statement timeout");
  }
  if (options.writes) refuse_read_only();
}

void PostgresConnection::refuse_read_only() {
  // With several hosts in the URL, name the one libpq reached.
  const char* host = m_connection->hostname();
  const char* port = m_connection->port();
  const std::string where = std::string(host != nullptr ? host : "") + ":" + (port ? port : "");
  if (query_value("SELECT pg_is_in_recovery()", "the standby check") == "t") {
    throw read_only_server(where, "a read-only standby (pg_is_in_recovery() is true)");
  }
  if (query_value("SHOW transaction_read_only", "the read-only check") == "on") {
    throw read_only_server(where,
                           "read-only for forge's session (default_transaction_read_only is on)");
  }
}

void PostgresConnection::CloseConnection::operator()(
    pqxx::connection_base* connection) const noexcept {
  delete static_cast<pqxx::connection*>(connection);
}

PostgresConnection::~PostgresConnection() {
  m_session.reset();  // before the connection it belongs to
  m_notices.reset();
}

void PostgresConnection::run_internal(const std::string& sql, const std::string& what) {
  try {
    m_session->exec(sql);
  } catch (...) {
    rethrow_as_forge_error(m_target, what, 0);
  }
}

std::string PostgresConnection::query_value(const std::string& sql, const std::string& what) {
  try {
    const pqxx::result result = m_session->exec(sql);
    if (result.empty() || result[0][0].is_null()) return "";
    return result[0][0].as<std::string>();
  } catch (...) {
    rethrow_as_forge_error(m_target, what, 0);
  }
}

void PostgresConnection::execute(const core::Statement& statement) { run(statement); }

core::ResultRows PostgresConnection::fetch(const core::Statement& statement) {
  const pqxx::result result = run(statement);
  core::ResultRows rows;
  for (pqxx::row_size_type column = 0; column < result.columns(); ++column) {
    rows.columns.emplace_back(result.column_name(column));
    rows.kinds += value_kind(result.column_type(column));
  }
  for (const auto& found : result) {
    auto& row = rows.rows.emplace_back();
    for (const auto& field : found) {
      row.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
    }
  }
  return rows;
}

pqxx::result PostgresConnection::run(const core::Statement& statement) {
  drop_leftover_indexes(statement);
  try {
    return m_session->exec(statement.text);
  } catch (...) {
    rethrow_as_forge_error(m_target, statement.file, statement.line, m_statement_timeout);
  }
}

// A concurrent index build that was interrupted (forge killed, the connection cut) leaves an
// INVALID index behind, and running the statement again then fails with "already exists" (or,
// with IF NOT EXISTS, keeps the useless index). Drop such leftovers first, as an operator would.
void PostgresConnection::drop_leftover_indexes(const core::Statement& statement) {
  const auto build = concurrent_index_build(statement.text);
  if (!build || m_connection->server_version() < 120000) return;
  const LeftoverQuery query = leftover_indexes_query(*build);
  try {
    for (const auto& row : m_session->exec_params(query.sql, query.relation, query.name_pattern)) {
      const std::string index = row[0].as<std::string>();
      util::log_warn("{}:{}: dropping the invalid index {}, left behind by an interrupted build",
                     statement.file, statement.line, index);
      m_session->exec("DROP INDEX CONCURRENTLY IF EXISTS " + index);
    }
  } catch (...) {
    rethrow_as_forge_error(m_target, statement.file, statement.line, m_statement_timeout);
  }
}

std::unique_ptr<core::Transaction> PostgresConnection::begin() {
  return std::make_unique<SqlTransaction>(
      [this](const std::string& sql) { run_internal(sql, sql); }, "BEGIN");
}

std::unique_ptr<core::MigrationLock> PostgresConnection::lock(std::chrono::milliseconds wait) {
  return take_advisory_lock(*m_session, lock_key(), m_target, wait);
}

// A tenant schema has a history table of its own, so a lock of its own: the schemas of one
// database migrate side by side. Keyed by the schema the session resolves to, however the
// parameter spells it; without the parameter the key stays the database's, as in every forge.
std::int64_t PostgresConnection::lock_key() {
  if (!m_schema_lock) return advisory_lock_key(m_database);
  return advisory_lock_key(m_database + "/" +
                           query_value("SELECT current_schema()", "the migration lock"));
}

const core::HistorySql& PostgresConnection::history_sql() const {
  static const FunctionHistorySql sql(
      {create_history_sql, history_columns_sql, add_history_column_sql, select_history_sql,
       upsert_history_sql, delete_history_sql, nullptr, history_schema_sql, describe_history_sql});
  return sql;
}

pqxx::result PostgresConnection::run_prepared(const std::string& sql,
                                              const std::vector<std::string>& params) {
  auto found = m_prepared.find(sql);
  if (found == m_prepared.end()) {
    // A name no unit is likely to PREPARE itself.
    const std::string name = "forge_statement_" + std::to_string(m_prepared.size() + 1);
    m_connection->prepare(name, sql);
    found = m_prepared.emplace(sql, name).first;
  }
  return m_session->exec_prepared(found->second, pqxx::prepare::make_dynamic_params(params));
}

std::vector<std::vector<std::string>> PostgresConnection::query(
    const std::string& sql, const std::vector<std::string>& params, const std::string& what) {
  try {
    const pqxx::result result = params.empty() ? m_session->exec(sql) : run_prepared(sql, params);
    std::vector<std::vector<std::string>> rows;
    rows.reserve(result.size());
    const auto columns = static_cast<std::size_t>(result.columns());
    for (const auto& found : result) {
      std::vector<std::string>& row = rows.emplace_back();
      row.reserve(columns);
      for (const auto& field : found) {
        row.emplace_back(field.is_null() ? std::string()
                                         : std::string(field.c_str(), field.size()));
      }
    }
    return rows;
  } catch (...) {
    rethrow_as_forge_error(m_target, what, 0);
  }
}

}  // namespace forge::dialect::postgres
