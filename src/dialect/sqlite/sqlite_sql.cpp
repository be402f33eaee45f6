#include "dialect/sqlite/sqlite_sql.hpp"

#include "core/history_columns.hpp"
#include "dialect/history_sql.hpp"
#include "dialect/sql_writer.hpp"

namespace forge::dialect::sqlite {

std::string quote_identifier(std::string_view name) {
  return quote_name(name, core::Dialect::sqlite);
}

namespace {
// The definitions of the history columns after name (forge creating the table, or adding them
// to one it did not create), with defaults for another tool's INSERT. SQLite adds a column
// only with a constant default: applied_at is '' (unknown) for rows another tool wrote.
const char* definition_of(const std::string& column) {
  if (column == "state") return "TEXT NOT NULL DEFAULT 'applied'";
  if (column == "statements_done" || column == "execution_ms") return "INTEGER NOT NULL DEFAULT 0";
  return "TEXT NOT NULL DEFAULT ''";  // checksum, applied_at, statement_hashes, progress
}
}  // namespace

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name TEXT NOT NULL PRIMARY KEY, " + history_column_definitions(definition_of) + ")";
}

std::string history_columns_sql(const std::string& table) {
  return "SELECT name FROM pragma_table_info(" + quote_text(table, core::Dialect::sqlite) + ")";
}

std::string add_history_column_sql(const std::string& table, const std::string& column) {
  return "ALTER TABLE " + quote_identifier(table) + " ADD COLUMN " + quote_identifier(column) +
         " " + definition_of(column);
}

std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing) {
  return "SELECT name, " + added_history_columns_sql(missing, "applied_at") + " FROM " +
         quote_identifier(table);
}

std::string upsert_history_sql(const std::string& table) {
  return "INSERT INTO " + quote_identifier(table) +
         " AS h (name, checksum, applied_at, execution_ms, state, statements_done, "
         "statement_hashes, progress) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (name) "
         "DO UPDATE SET "
         "checksum = excluded.checksum, applied_at = excluded.applied_at, "
         "execution_ms = excluded.execution_ms, state = excluded.state, "
         "statements_done = excluded.statements_done, statement_hashes = "
         "excluded.statement_hashes, "
         "progress = excluded.progress " +
         k_upsert_keeps_applied;
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = ?1";
}

}  // namespace forge::dialect::sqlite
