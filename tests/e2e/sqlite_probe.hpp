#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace forge::e2e {

/// One row of forge's history table, as stored.
struct StoredHistoryRow {
  std::string name, checksum, applied_at;
  long long execution_ms = 0;
};

/// Looks into a SQLite file the way a user's sqlite3 shell would, read-only.
class SqliteProbe {
 public:
  /// Opens an existing database file; throws when it does not exist.
  explicit SqliteProbe(const std::filesystem::path& file);
  ~SqliteProbe();

  /// True when a table (not a view or index) called `name` exists.
  bool has_table(const std::string& name) const;
  /// Number of rows in `table`; throws when it does not exist.
  long long count(const std::string& table) const;
  /// The first column of the first row `sql` returns, as text.
  std::string scalar(const std::string& sql) const;
  /// Names in forge's history table, sorted; empty when the table does not exist.
  std::vector<std::string> applied(const std::string& table = "ForgeMeta") const;
  /// Every row of forge's history table, by name.
  std::vector<StoredHistoryRow> history(const std::string& table = "ForgeMeta") const;
  /// Every row of `table` ordered by its first column, one line each, columns joined by `|`
  /// (NULL as `NULL`); for comparing a table's content before and after a command.
  std::string rows(const std::string& table) const;
  /// Every schema object (type, name, SQL) by name, then every row of forge's history table
  /// (all columns): a picture of the database that any schema or history change alters.
  std::string schema_and_history(const std::string& history_table = "ForgeMeta") const;

 private:
  std::unique_ptr<SQLite::Database> m_db;
};

}  // namespace forge::e2e
