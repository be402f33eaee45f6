#include "dialect/sqlite/sqlite_database.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

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

// What a SQLite database file starts with (its header string, NUL included).
constexpr char k_header[] = "SQLite format 3";

// Whether `path` is a SQLite database: a regular file (or a link to one) that is empty -- SQLite
// writes nothing to a new database until its first table -- or starts with SQLite's header.
bool is_sqlite_database(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  if (fs::file_size(path, error) == 0 && !error) return true;
  std::ifstream in(path, std::ios::binary);
  char head[sizeof k_header] = {};
  in.read(head, sizeof head);
  return in.gcount() == static_cast<std::streamsize>(sizeof head) &&
         std::equal(head, head + sizeof head, k_header);
}

[[noreturn]] void refuse_foreign(const fs::path& path, const char* command) {
  std::error_code error;
  const char* what = fs::is_directory(path, error) ? "a folder" : "not a SQLite database";
  throw UsageError(std::string(command) + ": " + path.string() + " is " + what +
                       " (no SQLite header); forge leaves it as it is",
                   "Check the URL: it must name a SQLite database file, or a file that does not "
                   "exist yet.");
}

// A file SQLite keeps beside the database; anything else of that name (a folder) stays.
void remove_companion(const fs::path& path) {
  std::error_code error;
  if (fs::is_regular_file(fs::symlink_status(path, error))) remove_file(path);
}

}  // namespace

bool create_database(const core::DatabaseUrl& url) {
  const std::string& path = file_of(url, "db:create");
  std::error_code error;
  if (fs::exists(path, error)) {
    if (!is_sqlite_database(path)) refuse_foreign(path, "db:create");
    return false;
  }
  SqliteConnection created(url);  // opening creates the file, and its folder
  return true;
}

bool drop_database(const core::DatabaseUrl& url) {
  const std::string& path = file_of(url, "db:drop");
  std::error_code error;
  if (!fs::exists(fs::symlink_status(path, error))) return false;
  if (!is_sqlite_database(path)) refuse_foreign(path, "db:drop");
  remove_file(path);
  for (const char* suffix : k_companions) remove_companion(path + suffix);
  return true;
}

}  // namespace forge::dialect::sqlite
