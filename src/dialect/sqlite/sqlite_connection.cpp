#include "dialect/sqlite/sqlite_connection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/errors.hpp"
#include "dialect/history_sql.hpp"
#include "dialect/sqlite/sqlite_file_lock.hpp"
#include "dialect/sqlite/sqlite_sql.hpp"
#include "dialect/url_params.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

namespace {

// Appends the row `prepared` stands on; a column's kind is its first non-NULL value's type.
void collect_row(sqlite3_stmt* prepared, core::ResultRows& rows) {
  const int count = sqlite3_column_count(prepared);
  if (rows.columns.empty()) {
    for (int column = 0; column < count; ++column) {
      rows.columns.emplace_back(sqlite3_column_name(prepared, column));
    }
    rows.kinds.assign(static_cast<std::size_t>(count), '?');
  }
  auto& row = rows.rows.emplace_back();
  for (int column = 0; column < count; ++column) {
    const int type = sqlite3_column_type(prepared, column);
    char& kind = rows.kinds[static_cast<std::size_t>(column)];
    if (type == SQLITE_NULL) {
      row.emplace_back(std::nullopt);
      continue;
    }
    if (kind == '?') kind = (type == SQLITE_INTEGER || type == SQLITE_FLOAT) ? 'n' : 's';
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(prepared, column));
    row.emplace_back(
        std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(prepared, column))));
  }
}

constexpr int k_busy_timeout_ms = 10000;

constexpr const char* k_check_the_file =
    "Check that forge's user may write the database file and its folder (SQLite writes a "
    "journal beside the file), that the file is not immutable (lsattr) and that its filesystem "
    "is not mounted read-only; then run the command again.";

// Why a SQLite result code means the file cannot take writes; nullopt for other failures.
std::optional<WriteRefusal> write_refusal(int extended_code) {
  switch (extended_code & 0xff) {
    case SQLITE_READONLY:
      return WriteRefusal{"read-only file", k_check_the_file};
    case SQLITE_CANTOPEN:
      return WriteRefusal{"cannot open or create a file it needs; a read-only folder?",
                          k_check_the_file};
    case SQLITE_FULL:
      return WriteRefusal{"disk full",
                          "Free space on the disk holding the database (df), then run the "
                          "command again; units completed before stay done."};
    case SQLITE_IOERR:
      return WriteRefusal{"I/O error: disk full, read-only or failing storage",
                          "Check the disk holding the database: free space and quotas (df), a "
                          "read-only or failing mount (mount, dmesg); then run the command again."};
    default:
      return std::nullopt;
  }
}

// A failed statement: NotWritableError when the file cannot take writes, else StatementError.
[[noreturn]] void throw_statement_failure(const std::string& message, int extended_code,
                                          const std::string& file, int line) {
  const std::string code = "SQLite code " + std::to_string(extended_code);
  if (auto why = write_refusal(extended_code)) {
    throw NotWritableError(std::move(*why), message, code, file, line);
  }
  throw StatementError(message, code, file, line);
}

// The line within `text` where the SQL at `offset` starts, skipping blanks before it.
int line_at(const std::string& text, std::size_t offset) {
  while (offset < text.size() && std::isspace(static_cast<unsigned char>(text[offset]))) ++offset;
  return util::count_newlines(std::string_view(text).substr(0, offset));
}

// A failure outside a migration's own statements: the file itself is unusable or cannot take
// writes (exit 3), or forge's own SQL (the history table) failed.
[[noreturn]] void rethrow_own_sql_failure(const SQLite::Exception& e, const std::string& path,
                                          const std::string& what) {
  switch (e.getErrorCode()) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      throw ConnectionError(
          "cannot use SQLite database " + path + ": " + e.what(),
          "Check that the file is a SQLite database and that forge may write it.");
    default:
      throw_statement_failure(e.what(), e.getExtendedErrorCode(), what, 0);
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
      throw_statement_failure(e.what(), e.getExtendedErrorCode(), {}, 0);
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

// SQLite counts its allocations under a global mutex unless told not to, before its first use;
// forge reads none of the counts.
void without_memory_statistics() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

void make_parent_folder(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
}

// SQLite's legacy misfeature reads a double-quoted name that matches no column as a string:
// a misspelled "emial" in a WHERE, an index or a CHECK would succeed and do the wrong thing.
// Off, as SQLite recommends (and its own shell does since 3.41): the name is an error.
void forbid_double_quoted_strings(SQLite::Database& db) {
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DQS_DML, 0, nullptr);
  sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_DQS_DDL, 0, nullptr);
}

// SQLite's default page cache (2 MB) no longer holds sqlite_master once a database has a few
// thousand tables, and every CREATE re-reads it: at 10,000 tables that is 300 reads of 4 KB per
// unit from the OS. 8 MB holds it (and costs nothing where a database is smaller). The pragma
// reads the schema, so it neither waits for another writer (no busy timeout: the default cache
// only costs speed) nor reports a file that is no database (the first statement does, with
// forge's message).
void larger_page_cache(SQLite::Database& db) {
  sqlite3* handle = db.getHandle();
  sqlite3_busy_timeout(handle, 0);
  sqlite3_exec(handle, "PRAGMA cache_size = -8192", nullptr, nullptr, nullptr);
  sqlite3_busy_timeout(handle, k_busy_timeout_ms);
}

// "no such column: hello" for a statement that wrote "hello" in double quotes: say why, since
// other SQLite tools may have taken it as the text 'hello'.
std::string explain_quoted_name(const std::string& message, const std::string& statement) {
  const std::string prefix = "no such column: ";
  if (message.rfind(prefix, 0) != 0) return message;
  const std::string name = message.substr(prefix.size());
  if (statement.find('"' + name + '"') == std::string::npos) return message;
  return message + " (\"" + name +
         "\" in double quotes is a name: forge turns off SQLite's legacy double-quoted strings; "
         "write text in single quotes, '" +
         name + "')";
}

}  // namespace

SqliteConnection::SqliteConnection(const core::DatabaseUrl& url, const SessionOptions& options)
    : m_path(url.database), m_statement_timeout(options.statement_timeout) {
  // ?mode=ro opens the file read-only (a write then exits 3), ?mode=rw never creates it.
  const std::string mode = util::to_lower(url_param(url, "mode"));
  int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
  if (mode == "ro") flags = SQLite::OPEN_READONLY;
  if (mode == "rw") flags = SQLite::OPEN_READWRITE;
  if (m_path != ":memory:" && (flags & SQLite::OPEN_CREATE) != 0) make_parent_folder(m_path);
  // One thread uses a connection (the stop watcher only calls sqlite3_interrupt, which needs no
  // lock): without SQLite's per-call mutex, a unit of 500,000 INSERTs runs ~10% faster.
  flags |= SQLITE_OPEN_NOMUTEX;
  without_memory_statistics();
  try {
    m_db = std::make_unique<SQLite::Database>(m_path, flags, k_busy_timeout_ms);
    forbid_double_quoted_strings(*m_db);
    larger_page_cache(*m_db);
  } catch (const SQLite::Exception& e) {
    throw ConnectionError("cannot open SQLite database " + m_path + ": " + e.what(),
                          "Check the path in the URL and that forge may write there.");
  }
}

SqliteConnection::SqliteConnection(std::string path, std::unique_ptr<SQLite::Database> db)
    : m_path(std::move(path)), m_db(std::move(db)), m_rehearsal(true) {
  forbid_double_quoted_strings(*m_db);
}

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
    // One thread uses it, as a connection opened for writing (see the constructor).
    without_memory_statistics();
    auto db = std::make_unique<SQLite::Database>(
        url.database, SQLite::OPEN_READONLY | SQLITE_OPEN_NOMUTEX, k_busy_timeout_ms);
    return std::unique_ptr<SqliteConnection>(new SqliteConnection(url.database, std::move(db)));
  } catch (const SQLite::Exception& e) {
    throw ConnectionError("cannot open SQLite database " + url.database + ": " + e.what(),
                          "Check the path in the URL and that forge may read the file.");
  }
}

void SqliteConnection::execute(const core::Statement& statement) { run(statement, nullptr); }

core::ResultRows SqliteConnection::fetch(const core::Statement& statement) {
  core::ResultRows rows;
  run(statement, &rows);
  for (char& kind : rows.kinds) {
    if (kind == '?') kind = 's';  // only NULLs
  }
  return rows;
}

void SqliteConnection::run(const core::Statement& statement, core::ResultRows* rows) {
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
      if (rows != nullptr) *rows = core::ResultRows{};  // the last statement's rows
      while ((rc = sqlite3_step(prepared)) == SQLITE_ROW) {
        if (rows != nullptr) collect_row(prepared, *rows);
      }
      if (rc == SQLITE_DONE) rc = SQLITE_OK;
    }
    if (rc != SQLITE_OK) {
      const std::string message = sqlite3_errmsg(handle);
      const int code = sqlite3_extended_errcode(handle);
      sqlite3_finalize(prepared);
      if (rc == SQLITE_INTERRUPT && m_statement_timeout.count() > 0 && deadline.passed()) {
        throw statement_timed_out(m_statement_timeout, message,
                                  "SQLite code " + std::to_string(code), statement.file, line);
      }
      throw_statement_failure(explain_quoted_name(message, text), code, statement.file, line);
    }
    sqlite3_finalize(prepared);
    sql = tail;
  }
}

std::unique_ptr<core::Transaction> SqliteConnection::begin() {
  try {
    return std::make_unique<SqliteTransaction>(*m_db);
  } catch (const SQLite::Exception& e) {
    throw_statement_failure(e.what(), e.getExtendedErrorCode(), {}, 0);
  }
}

std::unique_ptr<core::MigrationLock> SqliteConnection::lock(std::chrono::milliseconds wait) {
  if (m_rehearsal) return std::make_unique<core::MigrationLock>();  // nothing else sees the copy
  return lock_database_file(m_path, wait);
}

const core::HistorySql& SqliteConnection::history_sql() const {
  static const FunctionHistorySql sql({create_history_sql, history_columns_sql,
                                       add_history_column_sql, select_history_sql,
                                       upsert_history_sql, delete_history_sql});
  return sql;
}

std::vector<std::vector<std::string>> SqliteConnection::query(
    const std::string& sql, const std::vector<std::string>& params, const std::string& what) {
  // SQLite's own API: SQLiteCpp's Column objects cost two atomic counts a value, which a history
  // of 10,000 rows read by every status feels.
  sqlite3* const db = m_db->getHandle();
  try {
    sqlite3_stmt* raw = nullptr;
    const int prepared =
        sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()) + 1, &raw, nullptr);
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, &sqlite3_finalize);
    if (prepared != SQLITE_OK) throw SQLite::Exception(db, prepared);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const int bound = sqlite3_bind_text(raw, static_cast<int>(i) + 1, params[i].data(),
                                          static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
      if (bound != SQLITE_OK) throw SQLite::Exception(db, bound);
    }
    std::vector<std::vector<std::string>> rows;
    const int columns = sqlite3_column_count(raw);
    int stepped = SQLITE_DONE;
    while ((stepped = sqlite3_step(raw)) == SQLITE_ROW) {
      std::vector<std::string>& row = rows.emplace_back();
      row.reserve(static_cast<std::size_t>(columns));
      for (int column = 0; column < columns; ++column) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(raw, column));
        const auto size = static_cast<std::size_t>(sqlite3_column_bytes(raw, column));
        row.emplace_back(text != nullptr ? std::string(text, size) : std::string());  // NULL: ""
      }
    }
    if (stepped != SQLITE_DONE) throw SQLite::Exception(db, stepped);
    return rows;
  } catch (const SQLite::Exception& e) {
    rethrow_own_sql_failure(e, m_path, what);
  }
}

}  // namespace forge::dialect::sqlite
