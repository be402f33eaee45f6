#include "dialect/sqlite/sqlite_connection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "core/errors.hpp"
#include "core/history_columns.hpp"
#include "dialect/sqlite/sqlite_file_lock.hpp"
#include "dialect/sqlite/sqlite_sql.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

namespace {

constexpr int k_busy_timeout_ms = 10000;

std::string code_of(sqlite3* handle) {
  return "SQLite code " + std::to_string(sqlite3_extended_errcode(handle));
}

// The line within `text` where the SQL at `offset` starts, skipping blanks before it.
int line_at(const std::string& text, std::size_t offset) {
  while (offset < text.size() && std::isspace(static_cast<unsigned char>(text[offset]))) ++offset;
  return util::count_newlines(std::string_view(text).substr(0, offset));
}

// A failure outside a migration's own statements: the file itself is unusable (exit 3), or the
// history table could not be written.
[[noreturn]] void rethrow_history_failure(const SQLite::Exception& e, const std::string& path,
                                          const std::string& table) {
  switch (e.getErrorCode()) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_AUTH:
      throw ConnectionError(
          "cannot use SQLite database " + path + ": " + e.what(),
          "Check that the file is a SQLite database and that forge may write it.");
    default:
      throw StatementError(e.what(), "SQLite code " + std::to_string(e.getExtendedErrorCode()),
                           "history table " + table, 0);
  }
}

class SqliteTransaction : public core::Transaction {
 public:
  explicit SqliteTransaction(SQLite::Database& db)
      : m_transaction(db, SQLite::TransactionBehavior::IMMEDIATE) {}
  void commit() override {
    try {
      m_transaction.commit();
    } catch (const SQLite::Exception& e) {
      throw StatementError(e.what(), "SQLite code " + std::to_string(e.getExtendedErrorCode()), {},
                           0);
    }
  }

 private:
  SQLite::Transaction m_transaction;  // rolls back in its destructor, which never throws
};

// Interrupts the statement running on `handle` once `limit` has passed (SQLite has no timeout of
// its own); a zero limit does nothing. The handler is removed when this goes away.
class StatementDeadline {
 public:
  StatementDeadline(sqlite3* handle, std::chrono::milliseconds limit)
      : m_handle(limit.count() > 0 ? handle : nullptr),
        m_deadline(std::chrono::steady_clock::now() + limit) {
    if (m_handle != nullptr) sqlite3_progress_handler(m_handle, k_instructions, &check, this);
  }
  ~StatementDeadline() {
    if (m_handle != nullptr) sqlite3_progress_handler(m_handle, 0, nullptr, nullptr);
  }
  StatementDeadline(const StatementDeadline&) = delete;
  StatementDeadline& operator=(const StatementDeadline&) = delete;

  bool passed() const { return std::chrono::steady_clock::now() >= m_deadline; }

 private:
  static constexpr int k_instructions = 10000;  // between looks at the clock: well under 1 ms
  static int check(void* self) { return static_cast<StatementDeadline*>(self)->passed() ? 1 : 0; }

  sqlite3* m_handle;  // nullptr: no limit
  std::chrono::steady_clock::time_point m_deadline;
};

void make_parent_folder(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
}

}  // namespace

SqliteConnection::SqliteConnection(const core::DatabaseUrl& url, const SessionOptions& options)
    : m_path(url.database), m_statement_timeout(options.statement_timeout) {
  if (m_path != ":memory:") make_parent_folder(m_path);
  try {
    m_db = std::make_unique<SQLite::Database>(m_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                              k_busy_timeout_ms);
  } catch (const SQLite::Exception& e) {
    throw ConnectionError("cannot open SQLite database " + m_path + ": " + e.what(),
                          "Check the path in the URL and that forge may write there.");
  }
}

SqliteConnection::SqliteConnection(std::string path, std::unique_ptr<SQLite::Database> db)
    : m_path(std::move(path)), m_db(std::move(db)), m_rehearsal(true) {}

SqliteConnection::~SqliteConnection() = default;

std::unique_ptr<SqliteConnection> SqliteConnection::rehearsal_copy(const core::DatabaseUrl& url,
                                                                   const SessionOptions& options) {
  auto copy = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
  std::error_code error;
  if (url.database != ":memory:" && std::filesystem::exists(url.database, error)) {
    try {
      copy->backup(url.database.c_str(), SQLite::Database::Load);
    } catch (const SQLite::Exception& e) {
      throw ConnectionError("cannot read SQLite database " + url.database + ": " + e.what(),
                            "Check that the file is a SQLite database that forge may read.");
    }
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(url.database, std::move(copy)));
  connection->m_statement_timeout = options.statement_timeout;
  return connection;
}

std::unique_ptr<SqliteConnection> SqliteConnection::read_only(const core::DatabaseUrl& url) {
  std::error_code error;
  if (url.database == ":memory:" || !std::filesystem::exists(url.database, error)) {
    return rehearsal_copy(url);  // empty, in memory: a typo in the path leaves no stray file
  }
  try {
    auto db =
        std::make_unique<SQLite::Database>(url.database, SQLite::OPEN_READONLY, k_busy_timeout_ms);
    return std::unique_ptr<SqliteConnection>(new SqliteConnection(url.database, std::move(db)));
  } catch (const SQLite::Exception& e) {
    throw ConnectionError("cannot open SQLite database " + url.database + ": " + e.what(),
                          "Check the path in the URL and that forge may read the file.");
  }
}

void SqliteConnection::execute(const core::Statement& statement) {
  sqlite3* handle = m_db->getHandle();
  const std::string& text = statement.text;
  const char* sql = text.c_str();
  // SQLite's own parser walks the text: a piece holding several statements runs them all.
  while (*sql != '\0') {
    sqlite3_stmt* prepared = nullptr;
    const char* tail = nullptr;
    const int line = statement.line + line_at(text, static_cast<std::size_t>(sql - text.c_str()));
    const StatementDeadline deadline(handle, m_statement_timeout);
    int rc = sqlite3_prepare_v2(handle, sql, -1, &prepared, &tail);
    if (rc == SQLITE_OK && prepared != nullptr) {
      while ((rc = sqlite3_step(prepared)) == SQLITE_ROW) {
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      std::string message = sqlite3_errmsg(handle);
      std::string code = code_of(handle);
      sqlite3_finalize(prepared);
      if (rc == SQLITE_INTERRUPT && m_statement_timeout.count() > 0 && deadline.passed()) {
        throw statement_timed_out(m_statement_timeout, message, code, statement.file, line);
      }
      throw StatementError(message, code, statement.file, line);
    }
    sqlite3_finalize(prepared);
    sql = tail;
  }
}

std::unique_ptr<core::Transaction> SqliteConnection::begin() {
  try {
    return std::make_unique<SqliteTransaction>(*m_db);
  } catch (const SQLite::Exception& e) {
    throw StatementError(e.what(), "SQLite code " + std::to_string(e.getExtendedErrorCode()), {},
                         0);
  }
}

std::unique_ptr<core::MigrationLock> SqliteConnection::lock(std::chrono::milliseconds wait) {
  if (m_rehearsal) return std::make_unique<core::MigrationLock>();  // nothing else sees the copy
  return lock_database_file(m_path, wait);
}

void SqliteConnection::ensure_history(const std::string& table) {
  try {
    m_db->exec(create_history_sql(table));
    for (const auto& column : core::missing_history_columns(history_columns(table))) {
      m_db->exec(add_history_column_sql(table, column));
    }
  } catch (const SQLite::Exception& e) {
    rethrow_history_failure(e, m_path, table);
  }
}

std::vector<core::HistoryRow> SqliteConnection::read_history(const std::string& table) {
  try {
    return read_history_rows(table);
  } catch (const SQLite::Exception& e) {
    rethrow_history_failure(e, m_path, table);
  }
}

std::vector<std::string> SqliteConnection::history_columns(const std::string& table) {
  std::vector<std::string> columns;
  SQLite::Statement info(*m_db, history_columns_sql(table));
  while (info.executeStep()) columns.push_back(info.getColumn(1).getString());
  return columns;
}

std::vector<core::HistoryRow> SqliteConnection::read_history_rows(const std::string& table) {
  const auto columns = history_columns(table);
  if (columns.empty()) return {};  // no table yet
  std::vector<core::HistoryRow> rows;
  SQLite::Statement query(*m_db, select_history_sql(table, core::missing_history_columns(columns)));
  while (query.executeStep()) {
    core::HistoryRow row;
    row.name = query.getColumn(0).getString();
    row.checksum = query.getColumn(1).getString();
    row.applied_at = query.getColumn(2).getString();
    row.execution_ms = query.getColumn(3).getInt64();
    row.state = core::parse_state(query.getColumn(4).getString());
    row.statements_done = query.getColumn(5).getInt();
    row.statement_hashes = query.getColumn(6).getString();
    rows.push_back(std::move(row));
  }
  return rows;
}

void SqliteConnection::record(const std::string& table, const core::HistoryRow& row) {
  try {
    SQLite::Statement upsert(*m_db, upsert_history_sql(table));
    upsert.bind(1, row.name);
    upsert.bind(2, row.checksum);
    upsert.bind(3, row.applied_at);
    upsert.bind(4, static_cast<int64_t>(row.execution_ms));
    upsert.bind(5, core::state_name(row.state));
    upsert.bind(6, row.statements_done);
    upsert.bind(7, row.statement_hashes);
    upsert.exec();
  } catch (const SQLite::Exception& e) {
    rethrow_history_failure(e, m_path, table);
  }
}

void SqliteConnection::erase(const std::string& table, const std::string& name) {
  try {
    SQLite::Statement remove(*m_db, delete_history_sql(table));
    remove.bind(1, name);
    remove.exec();
  } catch (const SQLite::Exception& e) {
    rethrow_history_failure(e, m_path, table);
  }
}

}  // namespace forge::dialect::sqlite
