#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "dialect/session_options.hpp"

namespace SQLite {
class Database;
}

namespace forge::dialect::sqlite {

/// A session with a SQLite file, the embedded default. DDL is transactional; the migration
/// lock is a flock on the database file itself (sqlite_file_lock.hpp).
class SqliteConnection : public core::Connection {
 public:
  /// Opens (creating when missing, with its folder) the file `url.database`. A statement
  /// timeout interrupts a statement that runs longer (sqlite3_progress_handler).
  /// Throws ConnectionError when it cannot be opened.
  explicit SqliteConnection(const core::DatabaseUrl& url, const SessionOptions& options = {});
  ~SqliteConnection() override;

  /// A session with an in-memory copy of `url.database` (empty when the file does not exist),
  /// for --dry-run to run units for real without touching the file; its lock is a no-op.
  /// Throws ConnectionError when the file cannot be read.
  static std::unique_ptr<SqliteConnection> rehearsal_copy(const core::DatabaseUrl& url,
                                                          const SessionOptions& options = {});

  /// A read-only session with `url.database`, for commands that only read (status): a missing
  /// file is not created but read as an empty database. Throws ConnectionError when the file
  /// cannot be opened.
  static std::unique_ptr<SqliteConnection> read_only(const core::DatabaseUrl& url);

  /// The open database, for SQL written from the live schema (sqlite_late_rebuild.hpp).
  SQLite::Database& database() noexcept { return *m_db; }

  core::Dialect dialect() const noexcept override { return core::Dialect::sqlite; }
  core::Capabilities capabilities() const noexcept override { return {true}; }
  void execute(const core::Statement& statement) override;
  core::ResultRows fetch(const core::Statement& statement) override;
  std::unique_ptr<core::Transaction> begin() override;
  std::unique_ptr<core::MigrationLock> lock(std::chrono::milliseconds wait) override;
  const core::HistorySql& history_sql() const override;
  std::vector<std::vector<std::string>> query(const std::string& sql,
                                              const std::vector<std::string>& params,
                                              const std::string& what) override;
  core::Effect effect_of(const core::Statement& statement) override;
  std::function<void()> canceller() override;
  std::optional<std::string> lock_holder() override;

 private:
  SqliteConnection(std::string path, std::unique_ptr<SQLite::Database> db);
  /// Runs a unit's statement (every statement of its text, in order); the last one's rows go
  /// to `rows` when it is not null.
  void run(const core::Statement& statement, core::ResultRows* rows);

  std::string m_path;
  std::unique_ptr<SQLite::Database> m_db;
  bool m_rehearsal = false;
  std::chrono::milliseconds m_statement_timeout{0};
};

}  // namespace forge::dialect::sqlite
