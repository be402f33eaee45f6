#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/dialect_kind.hpp"

namespace forge::core {

/// A database location, parsed. For SQLite `database` is the file path.
struct DatabaseUrl {
  Dialect dialect = Dialect::sqlite;
  std::string scheme;  ///< as written, lower-cased: `postgresql`, `mariadb`, `sqlite3`, ...
  std::string user;
  std::string password;
  std::string host;
  std::optional<int> port;
  std::string database;
  std::vector<std::pair<std::string, std::string>> params;  ///< query parameters, in order

  /// The URL for printing: the password (in user info or a `password` parameter) as `***`.
  std::string redacted() const;
};

/// Parses `sqlite:relative.db`, `sqlite:///abs.db`, `postgres://user:pw@host:5432/db?sslmode=x`,
/// `postgresql://`, `mysql://`, `mariadb://`; user, password, database and parameters are
/// percent-decoded. Throws ConfigError, whose message never holds the password.
DatabaseUrl parse_database_url(std::string_view text);

/// A TCP port written as 1 to 65535 in decimal digits; nullopt for anything else (0 included).
std::optional<int> parse_port(std::string_view text);

}  // namespace forge::core
