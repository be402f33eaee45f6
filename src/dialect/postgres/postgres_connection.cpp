#include "dialect/postgres/postgres_connection.hpp"

#include <spdlog/spdlog.h>

#include <pqxx/pqxx>

#include "core/errors.hpp"
#include "core/history_columns.hpp"
#include "dialect/postgres/concurrent_index.hpp"
#include "dialect/postgres/postgres_conninfo.hpp"
#include "dialect/postgres/postgres_lock.hpp"
#include "dialect/postgres/postgres_sql.hpp"
#include "dialect/sql_transaction.hpp"
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
        spdlog::warn("postgres: {}", text);
      } else {
        spdlog::debug("postgres: {}", text);
      }
    } catch (...) {
    }
    return false;
  }
};

namespace {

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
    throw StatementError(message, "SQLSTATE " + e.sqlstate(), file, line_in_file(message, line));
  } catch (const pqxx::failure& e) {
    throw StatementError(std::string(util::trim(e.what())), {}, file, line);
  }
}

}  // namespace

PostgresConnection::PostgresConnection(const core::DatabaseUrl& url, const SessionOptions& options)
    : m_target(describe_target(url)),
      m_database(url.database),
      m_statement_timeout(options.statement_timeout) {
  try {
    m_connection = std::make_unique<pqxx::connection>(to_conninfo(url));
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

void PostgresConnection::execute(const core::Statement& statement) {
  drop_leftover_indexes(statement);
  try {
    m_session->exec(statement.text);
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
      spdlog::warn("{}:{}: dropping the invalid index {}, left behind by an interrupted build",
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
  return take_advisory_lock(*m_session, advisory_lock_key(m_database), m_target, wait);
}

void PostgresConnection::ensure_history(const std::string& table) {
  const auto columns = history_columns(table);
  if (columns.empty()) {
    run_internal(create_history_sql(table), "history table " + table);
    return;
  }
  for (const auto& column : core::missing_history_columns(columns)) {
    run_internal(add_history_column_sql(table, column), "history table " + table);
  }
}

std::vector<std::string> PostgresConnection::history_columns(const std::string& table) {
  try {
    std::vector<std::string> columns;
    for (const auto& row : m_session->exec(history_columns_sql(table))) {
      columns.push_back(row[0].as<std::string>());
    }
    return columns;
  } catch (...) {
    rethrow_as_forge_error(m_target, "history table " + table, 0);
  }
}

std::vector<core::HistoryRow> PostgresConnection::read_history(const std::string& table) {
  const auto columns = history_columns(table);
  if (columns.empty()) return {};  // no table yet
  try {
    std::vector<core::HistoryRow> rows;
    for (const auto& found :
         m_session->exec(select_history_sql(table, core::missing_history_columns(columns)))) {
      core::HistoryRow row;
      row.name = found[0].as<std::string>();
      row.checksum = found[1].as<std::string>();
      row.applied_at = found[2].as<std::string>();
      row.execution_ms = found[3].as<std::int64_t>();
      row.state = core::parse_state(found[4].as<std::string>());
      row.statements_done = found[5].as<int>();
      row.statement_hashes = found[6].as<std::string>();
      rows.push_back(std::move(row));
    }
    return rows;
  } catch (...) {
    rethrow_as_forge_error(m_target, "history table " + table, 0);
  }
}

void PostgresConnection::record(const std::string& table, const core::HistoryRow& row) {
  try {
    m_session->exec_params(upsert_history_sql(table), row.name, row.checksum, row.applied_at,
                           row.execution_ms, core::state_name(row.state), row.statements_done,
                           row.statement_hashes);
  } catch (...) {
    rethrow_as_forge_error(m_target, "history table " + table, 0);
  }
}

void PostgresConnection::erase(const std::string& table, const std::string& name) {
  try {
    m_session->exec_params(delete_history_sql(table), name);
  } catch (...) {
    rethrow_as_forge_error(m_target, "history table " + table, 0);
  }
}

}  // namespace forge::dialect::postgres
