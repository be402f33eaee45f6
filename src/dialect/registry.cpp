#include "dialect/registry.hpp"

#include "core/errors.hpp"
#include "dialect/mysql/mysql_connection.hpp"
#include "dialect/postgres/postgres_connection.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"

#include <array>

namespace forge::dialect {

namespace {

using Factory = std::unique_ptr<core::Connection> (*)(const core::DatabaseUrl&);

struct AdapterEntry {
  core::Dialect dialect;
  Factory open;  // nullptr: the URL parses, but this build has no adapter yet
};

template <typename Adapter>
std::unique_ptr<core::Connection> open(const core::DatabaseUrl& url) {
  return std::make_unique<Adapter>(url);
}

// The explicit dialect -> adapter table (no static self-registration: the linker would drop it).
constexpr std::array<AdapterEntry, 3> k_adapters = {{
    {core::Dialect::sqlite, &open<sqlite::SqliteConnection>},
    {core::Dialect::postgres, &open<postgres::PostgresConnection>},
    {core::Dialect::mysql, &open<mysql::MysqlConnection>},
}};

}  // namespace

std::unique_ptr<core::Connection> connect(const core::DatabaseUrl& url) {
  for (const auto& entry : k_adapters) {
    if (entry.dialect != url.dialect) continue;
    if (entry.open != nullptr) return entry.open(url);
    break;
  }
  throw ConfigError("this forge cannot connect to " + std::string(core::dialect_name(url.dialect)) +
                        " yet (" + url.redacted() + ")",
                    "Use a sqlite:, postgres: or mysql: URL.");
}

}  // namespace forge::dialect
