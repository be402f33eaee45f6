// The server drivers linked into the binary (the test binaries): these definitions take the
// place of driver_loader.cpp's weak ones, so in-process tests need no modules.

#include <string>

#include "core/errors.hpp"
#include "dialect/server_driver.hpp"

namespace forge::dialect {

const ServerDriver* loaded_server_driver(core::Dialect dialect) {
  switch (dialect) {
    case core::Dialect::postgres:
      return forge_postgres_driver();
    case core::Dialect::mysql:
      return forge_mysql_driver();
    default:
      return nullptr;
  }
}

const ServerDriver& server_driver(core::Dialect dialect) {
  if (const ServerDriver* driver = loaded_server_driver(dialect)) return *driver;
  throw ConfigError("this forge has no driver for " + std::string(core::dialect_name(dialect)),
                    "Use a sqlite:, postgres: or mysql: URL.");
}

}  // namespace forge::dialect
