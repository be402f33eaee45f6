#include "dialect/mysql/mysql_sql.hpp"

#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::dialect::mysql {

namespace {
std::string quote_part(std::string_view part) {
  std::string out = "`";
  for (char c : part) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}
}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out;
  for (const auto& part : util::split(name, '.')) {
    out += (out.empty() ? "" : ".") + quote_part(part);
  }
  return out;
}

std::string create_history_sql(const std::string& table) {
  return "CREATE TABLE IF NOT EXISTS " + quote_identifier(table) +
         " (name VARCHAR(191) NOT NULL PRIMARY KEY, checksum CHAR(64) NOT NULL, "
         "applied_at DATETIME(3) NOT NULL, execution_ms BIGINT NOT NULL) "
         "DEFAULT CHARSET = utf8mb4";
}

std::string select_history_sql(const std::string& table) {
  return "SELECT name, checksum, CONCAT(DATE_FORMAT(applied_at, '%Y-%m-%dT%H:%i:%s.'), "
         "LPAD(FLOOR(MICROSECOND(applied_at) / 1000), 3, '0'), 'Z'), execution_ms FROM " +
         quote_identifier(table);
}

std::string history_exists_sql() {
  return "SELECT COUNT(*) FROM information_schema.tables "
         "WHERE table_schema = DATABASE() AND table_name = ?";
}

std::string insert_history_sql(const std::string& table) {
  return "INSERT INTO " + quote_identifier(table) +
         " (name, checksum, applied_at, execution_ms) VALUES (?, ?, ?, ?)";
}

std::string delete_history_sql(const std::string& table) {
  return "DELETE FROM " + quote_identifier(table) + " WHERE name = ?";
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
