#include "dialect/sqlite/sqlite_database.hpp"

#include <filesystem>

#include "core/errors.hpp"
#include "dialect/sqlite/sqlite_connection.hpp"

namespace forge::dialect::sqlite {

namespace {

namespace fs = std::filesystem;

// What SQLite keeps beside a database file (write-ahead log, shared memory, rollback journal),
// and the lock file older forges left there (forge now locks the database file itself).
constexpr const char* k_companions[] = {"-wal", "-shm", "-journal", ".forge-lock"};

const std::string& file_of(const core::DatabaseUrl& url, const char* command) {
  if (url.database.empty() || url.database == ":memory:") {
    throw UsageError(
        std::string(command) + " needs a database file; " + url.redacted() + " is in memory",
        "Name a file, e.g. --url sqlite:db/development.sqlite3.");
  }
  return url.database;
}

void remove_file(const fs::path& path) {
  std::error_code error;
  fs::remove(path, error);
  if (error) {
    throw DatabaseCommandError("cannot delete " + path.string() + ": " + error.message(),
                               "Check that forge may write in its folder.");
  }
}

}  // namespace

bool create_database(const core::DatabaseUrl& url) {
  const std::string& path = file_of(url, "db:create");
  std::error_code error;
  if (fs::exists(path, error)) return false;
  SqliteConnection created(url);  // opening creates the file, and its folder
  return true;
}

bool drop_database(const core::DatabaseUrl& url) {
  const std::string& path = file_of(url, "db:drop");
  std::error_code error;
  if (!fs::exists(path, error)) return false;
  remove_file(path);
  for (const char* suffix : k_companions) remove_file(path + suffix);
  return true;
}

}  // namespace forge::dialect::sqlite
