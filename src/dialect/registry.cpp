#include "dialect/registry.hpp"

#include <array>

#include "core/errors.hpp"
#include "dialect/mysql/mysql_renderer.hpp"
#include "dialect/postgres/postgres_renderer.hpp"
#include "dialect/server_driver.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"
#include "dialect/sqlite/sqlite_database.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "dialect/url_params.hpp"

namespace forge::dialect {

namespace {

using Factory = std::unique_ptr<core::Connection> (*)(const core::DatabaseUrl&,
                                                      const SessionOptions&);
using RendererFactory = std::unique_ptr<declarative::SqlRenderer> (*)();

struct AdapterEntry {
  core::Dialect dialect;
  Factory open;      // nullptr: the URL parses, but this build has no adapter yet
  Factory rehearse;  // nullptr: no throwaway copy; a dry run lists statements only
  Factory read;      // nullptr: reading commands use an ordinary session
  RendererFactory renderer;
};

// A server dialect's session, from its driver (loaded now when it is not yet).
std::unique_ptr<core::Connection> open_server(const core::DatabaseUrl& url,
                                              const SessionOptions& options) {
  return server_driver(url.dialect).open(url, options);
}

std::unique_ptr<core::Connection> rehearse_sqlite(const core::DatabaseUrl& url,
                                                  const SessionOptions& options) {
  return sqlite::SqliteConnection::rehearsal_copy(url, options);
}

std::unique_ptr<core::Connection> read_sqlite(const core::DatabaseUrl& url, const SessionOptions&) {
  return sqlite::SqliteConnection::read_only(url);
}

template <typename Renderer>
std::unique_ptr<declarative::SqlRenderer> make_renderer() {
  return std::make_unique<Renderer>();
}

// The explicit dialect -> adapter table (no static self-registration: the linker would drop it).
constexpr std::array<AdapterEntry, 3> k_adapters = {{
    {core::Dialect::sqlite, &open_session<sqlite::SqliteConnection>, &rehearse_sqlite, &read_sqlite,
     &make_renderer<sqlite::SqliteRenderer>},
    {core::Dialect::postgres, &open_server, nullptr, nullptr,
     &make_renderer<postgres::PostgresRenderer>},
    {core::Dialect::mysql, &open_server, nullptr, nullptr, &make_renderer<mysql::MysqlRenderer>},
}};

const AdapterEntry& entry_for(core::Dialect dialect) {
  for (const auto& entry : k_adapters) {
    if (entry.dialect == dialect) return entry;
  }
  throw ConfigError("this forge has no adapter for " + std::string(core::dialect_name(dialect)),
                    "Use a sqlite:, postgres: or mysql: URL.");
}

// db:create and db:drop per dialect: true when something was done.
using DatabaseCommand = bool (*)(const core::DatabaseUrl&, std::chrono::milliseconds);

struct DatabaseCommands {
  core::Dialect dialect;
  DatabaseCommand create;
  DatabaseCommand drop;
};

bool create_sqlite_file(const core::DatabaseUrl& url, std::chrono::milliseconds) {
  return sqlite::create_database(url);
}

bool drop_sqlite_file(const core::DatabaseUrl& url, std::chrono::milliseconds) {
  return sqlite::drop_database(url);
}

bool create_on_server(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  return server_driver(url.dialect).create_database(url, patience);
}

bool drop_on_server(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  return server_driver(url.dialect).drop_database(url, patience);
}

constexpr std::array<DatabaseCommands, 3> k_database_commands = {{
    {core::Dialect::sqlite, &create_sqlite_file, &drop_sqlite_file},
    {core::Dialect::postgres, &create_on_server, &drop_on_server},
    {core::Dialect::mysql, &create_on_server, &drop_on_server},
}};

const DatabaseCommands& database_commands_for(core::Dialect dialect) {
  for (const auto& entry : k_database_commands) {
    if (entry.dialect == dialect) return entry;
  }
  entry_for(dialect);  // throws: this build has no such dialect
  throw ConfigError("no database commands for " + std::string(core::dialect_name(dialect)), {});
}

DatabaseChange change_of(bool done) {
  return done ? DatabaseChange::done : DatabaseChange::unchanged;
}

}  // namespace

DatabaseChange create_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  check_url_params(url);
  return change_of(database_commands_for(url.dialect).create(url, patience));
}

DatabaseChange drop_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience) {
  check_url_params(url);
  return change_of(database_commands_for(url.dialect).drop(url, patience));
}

std::unique_ptr<core::Connection> connect(const core::DatabaseUrl& url,
                                          const SessionOptions& options) {
  check_url_params(url);
  for (const auto& entry : k_adapters) {
    if (entry.dialect != url.dialect) continue;
    if (entry.open != nullptr) return entry.open(url, options);
    break;
  }
  throw ConfigError("this forge cannot connect to " + std::string(core::dialect_name(url.dialect)) +
                        " yet (" + url.redacted() + ")",
                    "Use a sqlite:, postgres: or mysql: URL.");
}

std::unique_ptr<core::Connection> connect_rehearsal(const core::DatabaseUrl& url,
                                                    const SessionOptions& options) {
  check_url_params(url);
  const AdapterEntry& entry = entry_for(url.dialect);
  return entry.rehearse != nullptr ? entry.rehearse(url, options) : nullptr;
}

std::unique_ptr<core::Connection> connect_reader(const core::DatabaseUrl& url) {
  check_url_params(url);
  const AdapterEntry& entry = entry_for(url.dialect);
  return entry.read != nullptr ? entry.read(url, {}) : nullptr;
}

void prepare_for_threads(core::Dialect dialect) {
  if (dialect == core::Dialect::sqlite) return;
  const ServerDriver& driver = server_driver(dialect);
  if (driver.prepare_for_threads != nullptr) driver.prepare_for_threads();
}

void warm_up_driver(core::Dialect dialect) {
  if (dialect == core::Dialect::sqlite) return;
  const ServerDriver* driver = loaded_server_driver(dialect);
  if (driver != nullptr && driver->warm_up != nullptr) driver->warm_up();
}

SessionThread::SessionThread() {
  // Drivers are loaded by prepare_for_threads before the threads start: one loaded later
  // (never, for a fleet) would have no per-thread state to end.
  for (core::Dialect dialect : {core::Dialect::postgres, core::Dialect::mysql}) {
    const ServerDriver* driver = loaded_server_driver(dialect);
    if (driver != nullptr && driver->thread_begin != nullptr) {
      driver->thread_begin();
      m_begun.push_back(driver);
    }
  }
}

SessionThread::~SessionThread() {
  for (const ServerDriver* driver : m_begun) driver->thread_end();
}

std::unique_ptr<declarative::SqlRenderer> renderer_for(core::Dialect dialect) {
  return entry_for(dialect).renderer();
}

}  // namespace forge::dialect
