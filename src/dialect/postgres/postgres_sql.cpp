#include "dialect/postgres/postgres_sql.hpp"

#include "core/history_columns.hpp"
#include "dialect/history_sql.hpp"
#include "dialect/sql_writer.hpp"
#include "util/fnv_hash.hpp"
#include "util/strings.hpp"

namespace forge::dialect::postgres {

std::string quote_identifier(std::string_view name) {
  return quote_qualified_name(name, core::Dialect::postgres);
}

std::string quote_literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

namespace {
// The definitions of the history columns after name (forge creating the table, or adding them
// to one it did not create), with defaults for another tool's INSERT. applied_at stays NULL
// (unknown, read as '') in rows another tool writes.
const char* definition_of(const std::string& column) {
  if (column == "checksum") return "VARCHAR(64) NOT NULL DEFAULT ''";
  if (column == "applied_at") return "TIMESTAMPTZ NULL";
  if (column == "execution_ms") return "BIGINT NOT NULL DEFAULT 0";
  if (column == "state") return "VARCHAR(16) NOT NULL DEFAULT 'applied'";
  if (column == "statements_done") return "INTEGER NOT NULL DEFAULT 0";
  return "TEXT NOT NULL DEFAULT ''";
}
}  // namespace

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name VARCHAR(255) NOT NULL PRIMARY KEY, " + history_column_definitions(definition_of) +
         ")";
}

std::string history_columns_sql(const std::string& table) {
  return "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(" +
         quote_literal(quote_identifier(table)) + ") AND attnum > 0 AND NOT attisdropped";
}

std::string add_history_column_sql(const std::string& table, const std::string& column) {
  return "ALTER TABLE " + quote_identifier(table) + " ADD COLUMN IF NOT EXISTS " +
         quote_identifier(column) + " " + definition_of(column);
}

std::string select_history_sql(const std::string& table, const std::vector<std::string>& missing) {
  return "SELECT name, " +
         added_history_columns_sql(
             missing,
             "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')") +
         " FROM " + quote_identifier(table);
}

std::string upsert_history_sql(const std::string& table) {
  return "INSERT INTO " + quote_identifier(table) +
         " AS h (name, checksum, applied_at, execution_ms, state, statements_done, "
         "statement_hashes, progress) VALUES ($1, $2, NULLIF($3, '')::timestamptz, $4, $5, $6, $7, "
         "$8) "
         "ON CONFLICT (name) DO UPDATE SET "
         "checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at, "
         "execution_ms = EXCLUDED.execution_ms, state = EXCLUDED.state, "
         "statements_done = EXCLUDED.statements_done, statement_hashes = "
         "EXCLUDED.statement_hashes, "
         "progress = EXCLUDED.progress " +
         k_upsert_keeps_applied;
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = $1";
}

std::string history_schema_sql(const std::string& table) {
  return "SELECT COALESCE((SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = "
         "c.relnamespace WHERE c.oid = to_regclass(" +
         quote_literal(quote_identifier(table)) + ")), current_schema(), '')";
}

std::string describe_history_sql(const std::vector<std::string>& tables) {
  std::string listed;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    listed += std::string(i == 0 ? "" : ", ") + "(" + std::to_string(i) + ", " +
              quote_literal(tables[i]) + ", " + quote_literal(quote_identifier(tables[i])) + ")";
  }
  // A table that does not exist resolves to where it would be created, as history_schema_sql.
  return "SELECT t.name, COALESCE(n.nspname, current_schema(), ''), COALESCE(a.attname, '') "
         "FROM (VALUES " +
         listed +
         ") AS t(i, name, quoted) "
         "LEFT JOIN pg_class c ON c.oid = to_regclass(t.quoted) "
         "LEFT JOIN pg_namespace n ON n.oid = c.relnamespace "
         "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
         "ORDER BY t.i, a.attnum";
}

std::int64_t advisory_lock_key(std::string_view database) {
  // FNV-1a over a fixed prefix and the database name, from the basis the first release used
  // (a key that changed would let an older forge and this one migrate at once).
  constexpr std::uint64_t k_basis = 1469598103934665603ULL;
  const std::uint64_t prefix = util::fnv1a_64("forge-migrations:", k_basis);
  return static_cast<std::int64_t>(util::fnv1a_64(database, prefix));
}

}  // namespace forge::dialect::postgres
