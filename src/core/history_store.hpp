#pragma once
#include <string>
#include <vector>

#include "core/history.hpp"

namespace forge::core {

class Connection;

/// The text of each statement on the history table in one dialect's SQL: pure, no I/O, so it
/// is pinned by unit tests. Parameters are bound as text, in the order each contract gives.
class HistorySql {
 public:
  virtual ~HistorySql() = default;
  /// Creates `table` with every column when it does not exist.
  virtual std::string create(const std::string& table) const = 0;
  /// One row per column of `table`, its name first; no row when the table does not exist.
  virtual std::string columns(const std::string& table) const = 0;
  /// Adds `column` (one of k_added_history_columns) with its default.
  virtual std::string add_column(const std::string& table, const std::string& column) const = 0;
  /// Every row as name, checksum, applied_at (ISO-8601 UTC text, or ''), execution_ms, state,
  /// statements_done, statement_hashes, progress; the `missing` columns read as their defaults.
  virtual std::string select(const std::string& table,
                             const std::vector<std::string>& missing) const = 0;
  /// Writes one row, replacing one of the same name; binds the eight values in select order,
  /// applied_at as stored_time() gives it ('' for unknown).
  virtual std::string upsert(const std::string& table) const = 0;
  /// Deletes one row; binds its name.
  virtual std::string erase(const std::string& table) const = 0;
  /// applied_at (ISO-8601 UTC) as upsert() binds it.
  virtual std::string stored_time(const std::string& iso8601) const { return iso8601; }
  /// One row, one value: the schema (MySQL: database) the unqualified name `table` resolves to
  /// now -- where it exists, else where it would be created; "" when the dialect has no such
  /// path (SQLite).
  virtual std::string schema_of(const std::string& table) const {
    (void)table;
    return "";
  }
  /// One statement describing the unqualified `tables` at once (a round trip, not two a table):
  /// rows of the table as given, the schema it resolves to as schema_of() says, and one of its
  /// columns in order, or "" (a row that only says the table was asked about: a table that does
  /// not exist has that row alone). "" when the dialect has no such statement (each table is
  /// then asked about alone).
  virtual std::string describe(const std::vector<std::string>& tables) const {
    (void)tables;
    return "";
  }
};

/// The history table's logic, once for every dialect: create and upgrade it, read, write and
/// delete rows, over the connection's HistorySql and query().
///
/// sequelize-cli counts every row of its table (SequelizeMeta, SequelizeData) as an applied
/// unit. So that a unit forge left part-way (failed, or running when its run was interrupted)
/// never looks applied to sequelize-cli, such rows of a table named `Sequelize...` are kept in a
/// companion table `<table>_forge_progress`, and only applied units (and downs under way, whose
/// units are still applied as far as sequelize-cli is concerned) in the table itself.
class HistoryStore {
 public:
  HistoryStore(Connection& connection, std::string table);

  /// Whether the table exists (and is a history table: see columns()).
  bool exists() { return !columns().empty(); }
  /// The same, from the `columns` a description of the table (Connection::describe_history)
  /// found.
  bool exists_with(const std::vector<std::string>& columns) const;
  /// Creates the table when missing, and adds the columns an earlier forge's (or
  /// sequelize-cli's) table lacks, keeping its rows.
  void ensure();
  /// Every row; empty when the table does not exist.
  std::vector<HistoryRow> read();
  /// Writes `row`, replacing any row of the same name.
  void record(const HistoryRow& row);
  /// Removes the row named `name`.
  void erase(const std::string& name);

 private:
  /// The table's columns, empty when there is no table; throws ConfigError when the table is
  /// not a history table.
  std::vector<std::string> columns();
  void refuse_foreign_table(const std::vector<std::string>& names) const;
  std::string what() const { return "history table " + m_shown; }

  std::vector<std::string> columns_of(const std::string& table);
  std::vector<HistoryRow> rows_of(const std::string& table, const std::vector<std::string>& found);
  void upsert(const std::string& table, const HistoryRow& row);

  Connection& m_connection;
  std::string m_shown;  // as the user named it, for messages
  std::string m_table;
  std::string m_progress_table;  // "" unless the table is sequelize-cli's too
};

/// Whether another tool (sequelize-cli) reads `table` and counts each of its rows as applied:
/// its unqualified name starts with "Sequelize" (in any case).
bool shared_with_sequelize(const std::string& table);

/// The companion table where forge keeps the failed and running rows of a history table shared
/// with sequelize-cli: `<table>_forge_progress`.
std::string progress_table_of(const std::string& table);

}  // namespace forge::core
