#include "dialect/postgres/postgres_sql.hpp"

#include "util/strings.hpp"

namespace forge::dialect::postgres {

namespace {
std::string quote_part(std::string_view part) {
  std::string out = "\"";
  for (char c : part) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}
}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out;
  for (const auto& part : util::split(name, '.')) {
    out += (out.empty() ? "" : ".") + quote_part(part);
  }
  return out;
}

std::string quote_literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name VARCHAR(255) NOT NULL PRIMARY KEY, checksum VARCHAR(64) NOT NULL, "
         "applied_at TIMESTAMPTZ NOT NULL, execution_ms BIGINT NOT NULL)";
}

std::string select_history_sql(const std::string& table) {
  return "SELECT name, checksum, "
         "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
         "execution_ms FROM " + quote_identifier(table);
}

std::string history_exists_sql(const std::string& table) {
  return "SELECT to_regclass(" + quote_literal(quote_identifier(table)) + ") IS NOT NULL";
}

std::string insert_history_sql(const std::string& table) {
  return "INSERT INTO " + quote_identifier(table) +
         " (name, checksum, applied_at, execution_ms) VALUES ($1, $2, $3::timestamptz, $4)";
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = $1";
}

std::int64_t advisory_lock_key(std::string_view database) {
  // FNV-1a over a fixed prefix and the database name.
  std::uint64_t hash = 1469598103934665603ULL;
  for (char c : std::string("forge-migrations:") + std::string(database)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(hash);
}

}  // namespace forge::dialect::postgres
