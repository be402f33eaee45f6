#include "dialect/sqlite/sqlite_schema.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

namespace forge::dialect::sqlite {

namespace {

std::vector<std::string> schema_sql(SQLite::Database& database, const char* type,
                                    const std::string& table) {
  SQLite::Statement query(database,
                          "SELECT sql FROM main.sqlite_master WHERE type = ?1 AND "
                          "tbl_name = ?2 COLLATE NOCASE AND sql IS NOT NULL ORDER BY rowid");
  query.bind(1, type);
  query.bind(2, table);
  std::vector<std::string> out;
  while (query.executeStep()) out.push_back(query.getColumn(0).getString());
  return out;
}

}  // namespace

TableSchema read_table_schema(SQLite::Database& database, const std::string& table) {
  TableSchema schema;
  const std::vector<std::string> tables = schema_sql(database, "table", table);
  if (tables.empty()) return schema;
  schema.create_sql = tables.front();
  schema.indexes = schema_sql(database, "index", table);
  schema.triggers = schema_sql(database, "trigger", table);
  return schema;
}

}  // namespace forge::dialect::sqlite
