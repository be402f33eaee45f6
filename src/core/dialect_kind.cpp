#include "core/dialect_kind.hpp"

#include "util/strings.hpp"

namespace forge::core {

std::string_view dialect_name(Dialect dialect) {
  switch (dialect) {
    case Dialect::sqlite: return "sqlite";
    case Dialect::postgres: return "postgres";
    case Dialect::mysql: return "mysql";
  }
  return "unknown";
}

std::optional<Dialect> parse_dialect(std::string_view name) {
  const std::string lower = util::to_lower(name);
  if (lower == "sqlite" || lower == "sqlite3") return Dialect::sqlite;
  if (lower == "postgres" || lower == "postgresql") return Dialect::postgres;
  if (lower == "mysql" || lower == "mariadb") return Dialect::mysql;
  return std::nullopt;
}

}  // namespace forge::core
