#include "dialect/registry.hpp"

#include "core/errors.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"

#include <array>

namespace forge::dialect {

namespace {

using Factory = std::unique_ptr<core::Connection> (*)(const core::DatabaseUrl&);

struct AdapterEntry {
  core::Dialect dialect;
  Factory open;  // nullptr: the URL parses, but this build has no adapter yet
};

std::unique_ptr<core::Connection> open_sqlite(const core::DatabaseUrl& url) {
  return std::make_unique<sqlite::SqliteConnection>(url);
}

// The explicit dialect -> adapter table (no static self-registration: the linker would drop it).
constexpr std::array<AdapterEntry, 3> k_adapters = {{
    {core::Dialect::sqlite, &open_sqlite},
    {core::Dialect::postgres, nullptr},
    {core::Dialect::mysql, nullptr},
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
                    "Only SQLite is supported in this version; use a sqlite: URL.");
}

}  // namespace forge::dialect
