#include "test_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "db_probe.hpp"
#include "dialect/registry.hpp"

namespace forge::testing {

namespace {

std::string unique_name() {
  static std::atomic<int> counter{0};
  return "forge_it_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

// Through the driver's own short-lived session: a binary that creates hundreds of databases (the
// fault harness) ran PostgreSQL out of connections when this went through forge's adapter.
void run_admin(const std::string& admin_url, const std::string& sql) { execute(admin_url, sql); }

}  // namespace

std::string with_database(const std::string& url, const std::string& database) {
  const auto scheme_end = url.find("://") + 3;
  const auto slash = url.find('/', scheme_end);
  const auto query = url.find('?', scheme_end);
  std::string out = url.substr(0, slash == std::string::npos ? query : slash) + "/" + database;
  if (query != std::string::npos) out += url.substr(query);
  return out;
}

std::string server_url(const std::string& dialect) {
  const char* variable = dialect == "postgres" ? "FORGE_TEST_POSTGRES_URL" : "FORGE_TEST_MYSQL_URL";
  const char* value = std::getenv(variable);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(variable) +
                             " is not set: run scripts/test, which starts the test servers");
  }
  return value;
}

TestDatabase::TestDatabase(const std::string& dialect)
    : TestDatabase(dialect, dialect == "sqlite" ? "" : server_url(dialect)) {}

TestDatabase::TestDatabase(const std::string& dialect, const std::string& admin_url)
    : m_dialect(*core::parse_dialect(dialect)) {
  if (m_dialect == core::Dialect::sqlite) {
    char pattern[] = "/tmp/forge-it-XXXXXX";
    m_folder = ::mkdtemp(pattern);
    m_url = "sqlite:" + (m_folder / "test.sqlite3").string();
    return;
  }
  m_admin_url = admin_url;
  m_name = unique_name();
  run_admin(m_admin_url, "CREATE DATABASE " + m_name);
  m_url = with_database(m_admin_url, m_name);
}

TestDatabase::~TestDatabase() {
  try {
    if (m_dialect == core::Dialect::sqlite) {
      std::filesystem::remove_all(m_folder);
    } else {
      const char* force = m_dialect == core::Dialect::postgres ? " WITH (FORCE)" : "";
      run_admin(m_admin_url, "DROP DATABASE IF EXISTS " + m_name + force);
    }
  } catch (...) {
    // A leftover database on a throwaway server is harmless.
  }
}

std::unique_ptr<core::Connection> TestDatabase::connect() const {
  return dialect::connect(core::parse_database_url(m_url));
}

}  // namespace forge::testing
