#pragma once
#include <filesystem>
#include <memory>
#include <string>

#include "core/adapter.hpp"
#include "core/url.hpp"

namespace forge::testing {

/// `url` (a server URL) with its database replaced by `database`, the query string kept.
std::string with_database(const std::string& url, const std::string& database);

/// A fresh, empty database of one dialect for one test, dropped afterwards: a temporary SQLite
/// file, or a newly created database on the throwaway server named by FORGE_TEST_POSTGRES_URL /
/// FORGE_TEST_MYSQL_URL (scripts/test starts them). A missing server URL fails the test.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& dialect);
  /// Like the above, on the server whose own database is at `admin_url` (ignored for SQLite).
  TestDatabase(const std::string& dialect, const std::string& admin_url);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  /// The database's URL as forge takes it.
  const std::string& url() const { return m_url; }
  /// A new session with it.
  std::unique_ptr<core::Connection> connect() const;
  /// The dialect.
  core::Dialect dialect() const { return m_dialect; }

 private:
  core::Dialect m_dialect;
  std::string m_url;
  std::string m_admin_url;         // the server's own database, to create and drop ours from
  std::string m_name;              // our database (server dialects)
  std::filesystem::path m_folder;  // our temporary folder (SQLite)
};

/// The URL of the throwaway server for `dialect` ("postgres" or "mysql"); throws
/// std::runtime_error when the test command did not provide one.
std::string server_url(const std::string& dialect);

}  // namespace forge::testing
