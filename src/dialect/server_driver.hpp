#pragma once
#include <chrono>
#include <memory>
#include <string_view>
#include <vector>

#include "core/adapter.hpp"
#include "core/url.hpp"
#include "dialect/postgres/postgres_lint.hpp"
#include "dialect/session_options.hpp"

namespace forge::dialect {

/// What a server dialect's driver gives forge: everything that needs its client library
/// (PostgreSQL: libpqxx, libpq and libpg_query; MySQL: Connector/C++ and the MariaDB client).
/// The forge binary loads each as a module (forge-postgres.so, forge-mysql.so) the first time a
/// URL or a lint needs it, so a SQLite run never maps the ~25 libraries they bring; the test
/// binaries link them in.
struct ServerDriver {
  /// k_server_driver_abi, and sizeof(ServerDriver): a module from another forge build is refused.
  int abi;
  std::size_t size;
  std::unique_ptr<core::Connection> (*open)(const core::DatabaseUrl& url,
                                            const SessionOptions& options);
  /// db:create and db:drop: true when something was done.
  bool (*create_database)(const core::DatabaseUrl& url, std::chrono::milliseconds patience);
  bool (*drop_database)(const core::DatabaseUrl& url, std::chrono::milliseconds patience);
  /// Readies the client library for sessions on several threads; nullptr: nothing to do.
  void (*prepare_for_threads)();
  /// Give and take back a thread's client-library state; nullptr: none.
  void (*thread_begin)();
  void (*thread_end)();
  /// PostgreSQL's own parser for lint; nullptr on other dialects.
  std::vector<postgres::ParsedStatement> (*parse_for_lint)(std::string_view sql);
  /// Readies, from a thread with nothing else to do, what a session being opened on another
  /// will need once the server answers; nullptr: nothing to ready.
  void (*warm_up)();
};

/// ServerDriver::open for an adapter constructed from the URL and the options.
template <typename Adapter>
std::unique_ptr<core::Connection> open_session(const core::DatabaseUrl& url,
                                               const SessionOptions& options) {
  return std::make_unique<Adapter>(url, options);
}

/// Raised by hand when ServerDriver or anything it passes changes shape.
constexpr int k_server_driver_abi = 2;

/// The driver of `dialect` (postgres or mysql), loaded on first use. Throws ConfigError naming
/// the module and what is missing (the module itself, or a library it needs) when it cannot be
/// loaded.
const ServerDriver& server_driver(core::Dialect dialect);

/// The driver of `dialect` when it is loaded already, else nullptr; never loads one.
const ServerDriver* loaded_server_driver(core::Dialect dialect);

}  // namespace forge::dialect

/// Each module's entry point (and, in the test binaries, the linked drivers').
extern "C" const forge::dialect::ServerDriver* forge_postgres_driver();
extern "C" const forge::dialect::ServerDriver* forge_mysql_driver();
