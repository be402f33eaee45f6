#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/adapter.hpp"

namespace forge::dialect::sqlite {

/// The migration lock of a SQLite database: an exclusive flock(2) on the database file itself,
/// so every path to it (a symlink, a hard link, `dir/./db`, a bind mount) meets the same lock.
/// The kernel drops it when the process dies, so a killed forge never leaves it held. A second
/// session in the same process waits too. `:memory:` needs no lock. Throws LockTimeout after
/// `wait`, naming the holder's pid and command line; ConnectionError when the file cannot be
/// opened.
std::unique_ptr<core::MigrationLock> lock_database_file(const std::string& database_path,
                                                        std::chrono::milliseconds wait);

/// Who holds the migration lock of the database at `database_path`, without taking it:
/// "pid 1234 (forge db:migrate ...)", or nullopt when nobody does (or the file does not exist).
std::optional<std::string> sqlite_lock_holder(const std::string& database_path);

}  // namespace forge::dialect::sqlite
