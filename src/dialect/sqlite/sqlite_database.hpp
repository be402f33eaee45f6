#pragma once
#include "core/url.hpp"

namespace forge::dialect::sqlite {

/// Creates the database file `url` names (and its folder), as an empty SQLite database.
/// Returns false, changing nothing, when the file exists already. Throws UsageError for an
/// in-memory database, ConnectionError when the file cannot be created.
bool create_database(const core::DatabaseUrl& url);

/// Deletes the database file `url` names with the files SQLite and forge keep beside it
/// (`-wal`, `-shm`, `-journal`, and an older forge's `.forge-lock`). Returns false when there is no
/// database file. Throws UsageError for an in-memory database, DatabaseCommandError when a file
/// cannot be removed.
bool drop_database(const core::DatabaseUrl& url);

}  // namespace forge::dialect::sqlite
