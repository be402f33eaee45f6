#include "dialect/mysql/mysql_sql.hpp"

#include "core/history_columns.hpp"
#include "dialect/sql_writer.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::dialect::mysql {

std::string quote_identifier(std::string_view name) {
  return quote_qualified_name(name, core::Dialect::mysql);
}

namespace {
// The definitions of the history columns after name (forge creating the table, or adding them
// to one it did not create), with defaults for another tool's INSERT of a bare name. MySQL
// before 8.0.13 gives TEXT no default but NULL (read as ''); applied_at stays NULL (unknown) in
// rows another tool writes.
const char* definition_of(const std::string& column) {
  if (column == "checksum") return "VARCHAR(64) NOT NULL DEFAULT ''";
  if (column == "applied_at") return "DATETIME(3) NULL";
  if (column == "execution_ms") return "BIGINT NOT NULL DEFAULT 0";
  if (column == "state") return "VARCHAR(16) NOT NULL DEFAULT 'applied'";
  if (column == "statements_done") return "INT NOT NULL DEFAULT 0";
  return "TEXT NULL";
}
}  // namespace

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name VARCHAR(191) NOT NULL PRIMARY KEY, " + history_column_definitions(definition_of) +
         ") DEFAULT CHARSET = utf8mb4";
}

std::string history_columns_sql(const std::string& table) {
  // quote_identifier splits `schema.table` at the dot: look the table up where it is written.
  const auto dot = table.find('.');
  const std::string schema = dot == std::string::npos
                                 ? "DATABASE()"
                                 : quote_text(table.substr(0, dot), core::Dialect::mysql);
  const std::string name = dot == std::string::npos ? table : table.substr(dot + 1);
  return "SELECT column_name FROM information_schema.columns WHERE table_schema = " + schema +
         " AND table_name = " + quote_text(name, core::Dialect::mysql) +
         " ORDER BY ordinal_position";
}

std::string add_history_column_sql(const std::string& table, const std::string& column) {
  return "ALTER TABLE " + quote_identifier(table) + " ADD COLUMN " + quote_identifier(column) +
         " " + definition_of(column);
}

std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing) {
  return "SELECT name, " +
         added_history_columns_sql(missing,
                                   "CONCAT(DATE_FORMAT(applied_at, '%Y-%m-%dT%H:%i:%s.'), "
                                   "LPAD(FLOOR(MICROSECOND(applied_at) / 1000), 3, '0'), 'Z')") +
         " FROM " + quote_identifier(table);
}

// MySQL's upsert has no WHERE: each column keeps its value when the row is applied and the new
// one is an up run's running or failed row (see k_upsert_keeps_applied). Assignments run left
// to right and see the ones before, so state, which the condition reads, comes last.
std::string upsert_history_sql(const std::string& table) {
  const std::string keep = "state = 'applied' AND VALUES(state) NOT IN ('applied', 'reverting')";
  std::string sql = "INSERT INTO " + quote_identifier(table) +
                    " (name, checksum, applied_at, execution_ms, state, statements_done, "
                    "statement_hashes, progress) VALUES (?, ?, NULLIF(?, ''), ?, ?, ?, ?, ?) "
                    "ON DUPLICATE KEY UPDATE ";
  for (const char* column : {"checksum", "applied_at", "execution_ms", "statements_done",
                             "statement_hashes", "progress", "state"}) {
    const std::string name(column);
    sql += name + " = IF(" + keep + ", " + name + ", VALUES(" + name + "))";
    sql += name == "state" ? "" : ", ";
  }
  return sql;
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = ?";
}

std::string history_schema_sql(const std::string& table) {
  (void)table;  // MySQL has no search path: an unqualified name is in the current database
  return "SELECT COALESCE(DATABASE(), '')";
}

std::string describe_history_sql(const std::vector<std::string>& tables) {
  // Two branches a table: a row that says it was asked about, and its columns, looked up with
  // constants in WHERE as history_columns_sql does. MariaDB then opens that table alone; joined
  // to a list of names instead, it opened every table of every database (50 ms for 300 tables).
  std::string branches;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const std::string index = std::to_string(i);
    const std::string name = quote_text(tables[i], core::Dialect::mysql);
    branches += std::string(i == 0 ? "" : " UNION ALL ") + "SELECT " + index + " AS i, " + name +
                " AS name, '' AS column_name, 0 AS at UNION ALL SELECT " + index + ", " + name +
                ", column_name, ordinal_position FROM information_schema.columns WHERE "
                "table_schema = DATABASE() AND table_name = " +
                name;
  }
  return "SELECT name, COALESCE(DATABASE(), ''), column_name FROM (" + branches +
         ") AS described ORDER BY i, at";
}

std::string lock_name(std::string_view database) {
  // GET_LOCK names are limited to 64 characters: a hash keeps long database names distinct.
  return "forge:" + util::sha256_hex(database).substr(0, 40);
}

std::string to_datetime(std::string_view iso8601) {
  std::string out(iso8601);
  if (!out.empty() && out.back() == 'Z') out.pop_back();
  for (auto& c : out) {
    if (c == 'T') c = ' ';
  }
  return out;
}

}  // namespace forge::dialect::mysql
