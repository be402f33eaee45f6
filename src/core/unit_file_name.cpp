#include "core/unit_file_name.hpp"

#include <array>
#include <cctype>

#include "core/version.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

// `suffix` is lower case; the name's may be any (`.SQL`). Called for every file of a folder of
// thousands: compares in place.
bool strip_suffix(std::string& text, std::string_view suffix) {
  if (text.size() <= suffix.size()) return false;
  const std::size_t start = text.size() - suffix.size();
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[start + i])) != suffix[i]) return false;
  }
  text.resize(start);
  return true;
}

// The segment after the last dot, lower-cased; empty when there is none.
std::string last_segment(const std::string& text) {
  const auto dot = text.rfind('.');
  return dot == std::string::npos ? std::string() : util::to_lower(text.substr(dot + 1));
}

// The same, lower-cased into `buffer` when it is short enough to be a dialect tag or
// `autocommit` (the only segments read between the name and its extension); empty otherwise.
// No allocation: it runs for every file of folders of thousands.
std::string_view short_last_segment(const std::string& text, std::array<char, 16>& buffer) {
  const auto dot = text.rfind('.');
  if (dot == std::string::npos || text.size() - dot - 1 > buffer.size()) return {};
  const std::size_t size = text.size() - dot - 1;
  for (std::size_t i = 0; i < size; ++i) {
    buffer[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[dot + 1 + i])));
  }
  return std::string_view(buffer.data(), size);
}

}  // namespace

bool is_known_dialect_tag(std::string_view tag) {
  static constexpr std::array<std::string_view, 19> k_tags = {
      "sqlite",    "sqlite3",     "postgres", "postgresql", "pg",        "mysql",  "mariadb",
      "cockroach", "cockroachdb", "crdb",     "mssql",      "sqlserver", "oracle", "clickhouse",
      "redshift",  "spanner",     "tidb",     "yugabyte",   "snowflake"};
  for (auto known : k_tags) {
    if (known == tag) return true;
  }
  return false;
}

namespace {

// Flyway's `V<version>__<description>.sql` is the up, `U<version>__...` the down: one unit.
// Repeatable (`R__`) files are no units.
std::optional<UnitFileName> parse_flyway_file_name(std::string_view file_name) {
  std::string rest(file_name);
  FlywayName flyway;
  if (!strip_suffix(rest, ".sql") || !parse_flyway_name(rest, flyway) || flyway.kind == 'R') {
    return std::nullopt;
  }
  UnitFileName parsed;
  parsed.version = flyway.version;
  parsed.stem = flyway.stem;
  parsed.role = flyway.kind == 'V' ? FileRole::up : FileRole::down;
  return parsed;
}

}  // namespace

bool is_directional_declarative_name(std::string_view file_name) {
  std::string rest(file_name);
  if (leading_version(file_name).empty()) return false;
  if (!strip_suffix(rest, ".yaml") && !strip_suffix(rest, ".yml") && !strip_suffix(rest, ".json")) {
    return false;
  }
  const std::string role = last_segment(rest);
  return role == "up" || role == "down";
}

std::optional<UnitFileName> parse_unit_file_name(std::string_view file_name) {
  UnitFileName parsed;
  parsed.version = std::string(leading_version(file_name));
  std::string rest(file_name);
  if (parsed.version.empty()) return parse_flyway_file_name(file_name);
  if (strip_suffix(rest, ".yaml") || strip_suffix(rest, ".yml") || strip_suffix(rest, ".json")) {
    parsed.format = FileFormat::declarative;
    const std::string role = last_segment(rest);
    if (role == "up" || role == "down") return std::nullopt;  // one file holds both directions
  } else if (!strip_suffix(rest, ".sql")) {
    return std::nullopt;
  } else if (strip_suffix(rest, ".up")) {
    parsed.role = FileRole::up;
  } else if (strip_suffix(rest, ".down")) {
    parsed.role = FileRole::down;
  }
  // popx writes `.<dialect>.autocommit`; accept the two segments in either order.
  std::array<char, 16> buffer{};
  for (int i = 0; i < 2; ++i) {
    const std::string_view segment = short_last_segment(rest, buffer);
    if (segment.empty()) break;
    if (segment == "autocommit" && !parsed.autocommit) {
      parsed.autocommit = true;
    } else if (parsed.dialect_tag.empty() && is_known_dialect_tag(segment)) {
      parsed.dialect_tag = std::string(segment);
    } else {
      break;
    }
    rest.resize(rest.size() - segment.size() - 1);
  }
  parsed.stem = rest;
  return parsed;
}

}  // namespace forge::core
