#pragma once
#include "core/adapter.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace forge::dialect::sqlite {

/// The migration lock of a SQLite database: an exclusive flock(2) on `<database>.forge-lock`.
/// The kernel drops it when the process dies, so a killed forge never leaves it held.
/// Throws LockTimeout after `wait`, ConnectionError when the lock file cannot be opened.
std::unique_ptr<core::MigrationLock> lock_database_file(const std::string& database_path,
                                                        std::chrono::milliseconds wait);

}  // namespace forge::dialect::sqlite
