#pragma once
#include <optional>
#include <string_view>

namespace forge::core {

/// The SQL dialects forge has adapters for. The core knows their names and lexical
/// rules, never their drivers.
enum class Dialect { sqlite, postgres, mysql };

/// The canonical name: `sqlite`, `postgres` or `mysql`.
std::string_view dialect_name(Dialect dialect);
/// Parses a dialect name or alias (`sqlite3`, `postgresql`, `mariadb`); nullopt when unknown.
std::optional<Dialect> parse_dialect(std::string_view name);

}  // namespace forge::core
