#include "dialect/sqlite/sqlite_sql.hpp"

namespace forge::dialect::sqlite {

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, "
         "execution_ms INTEGER NOT NULL)";
}

std::string select_history_sql(const std::string& table) {
  return "SELECT name, checksum, applied_at, execution_ms FROM " + quote_identifier(table);
}

std::string insert_history_sql(const std::string& table) {
  return "INSERT INTO " + quote_identifier(table) +
         " (name, checksum, applied_at, execution_ms) VALUES (?1, ?2, ?3, ?4)";
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = ?1";
}

std::string table_exists_sql() {
  return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1";
}

}  // namespace forge::dialect::sqlite
