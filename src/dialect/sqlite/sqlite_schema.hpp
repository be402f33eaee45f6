#pragma once
#include <functional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace forge::dialect::sqlite {

/// One table's current schema as sqlite_master holds it: the SQL that created it, verbatim.
/// Rebuilding from this text (not from PRAGMA table_info) keeps what the pragmas do not report:
/// CHECK constraints, collations, constraint names, AUTOINCREMENT, generated columns.
struct TableSchema {
  std::string create_sql;             ///< the CREATE TABLE statement; empty when no such table
  std::vector<std::string> indexes;   ///< CREATE INDEX statements of its explicit indexes
  std::vector<std::string> triggers;  ///< CREATE TRIGGER statements on it
};

/// Reads a table's schema at the moment the statements are rendered (inside the unit's
/// transaction, after the unit's earlier operations ran).
using SchemaReader = std::function<TableSchema(const std::string& table)>;

/// The schema of `table` in `database`'s main schema, from sqlite_master, in creation order.
/// Automatic indexes (UNIQUE and PRIMARY KEY constraints) are left out: the CREATE TABLE
/// makes them again. Throws SQLite::Exception when the database cannot be read.
TableSchema read_table_schema(SQLite::Database& database, const std::string& table);

}  // namespace forge::dialect::sqlite
