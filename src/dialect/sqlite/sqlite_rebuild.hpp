#pragma once
#include <functional>
#include <string>
#include <vector>

#include "declarative/location.hpp"
#include "dialect/sqlite/sqlite_schema.hpp"
#include "dialect/sqlite/sqlite_table_sql.hpp"

// SQLite's documented way to make the schema changes its ALTER TABLE cannot
// (https://sqlite.org/lang_altertable.html#otheralter): create the new table under another
// name, copy the rows, drop the old table, rename the new one, recreate indexes and triggers,
// check the foreign keys. Every error names the operation's file:line:column.
namespace forge::dialect::sqlite {

/// A table rebuild being planned: the new definitions and what carries over.
struct Rebuild {
  std::string table;
  TableSql definition;                      ///< the new table's definitions
  std::vector<std::string> copied_columns;  ///< copied by name from the old table
  std::vector<std::string> indexes;         ///< CREATE INDEX statements to run again
  std::vector<std::string> triggers;        ///< CREATE TRIGGER statements to run again
  bool had_autoincrement = false;           ///< the old table kept a sqlite_sequence counter
};

/// A rebuild that changes nothing yet: every definition, every stored column, every index and
/// trigger. Throws MigrationFileError at `at` when the table does not exist.
Rebuild start_rebuild(const std::string& table, const TableSchema& schema,
                      const declarative::SourceLocation& at);
/// Replaces column `column`'s definition with `make_sql(old definition)`. Throws
/// MigrationFileError at `at` when the table has no such column.
void replace_column(Rebuild& rebuild, const std::string& column,
                    const std::function<std::string(const TableItem&)>& make_sql,
                    const declarative::SourceLocation& at);
/// Removes a column with the table constraints and indexes that depend on it (as PostgreSQL
/// does); it is not copied. Throws MigrationFileError at `at` when there is no such column or
/// it is the only one.
void remove_column(Rebuild& rebuild, const std::string& column,
                   const declarative::SourceLocation& at);
/// Adds a column definition after the last column; the old rows get its default.
void add_column(Rebuild& rebuild, const std::string& definition_sql);
/// Adds a table constraint after the others.
void add_constraint(Rebuild& rebuild, const std::string& constraint_sql);
/// Removes the table constraint, or column clause, written `CONSTRAINT "name"`. Throws
/// MigrationFileError at `at` when there is none.
void remove_constraint(Rebuild& rebuild, const std::string& name,
                       const declarative::SourceLocation& at);
/// The statements, in order, for the unit's transaction. They fail with "CHECK constraint
/// failed: PRAGMA foreign_keys must be OFF to rebuild <table>" when foreign keys are enforced
/// (switch them off before the transaction begins, as SQLite's procedure says), and with
/// "CHECK constraint failed: foreign keys of <table> hold after the rebuild" when a row breaks
/// one of the new table's foreign keys.
std::vector<std::string> rebuild_statements(const Rebuild& rebuild);

}  // namespace forge::dialect::sqlite
