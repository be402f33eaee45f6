#pragma once
#include <chrono>

#include "core/url.hpp"

namespace forge::dialect::mysql {

/// Creates the database (schema) `url` names, with CHARACTER SET utf8mb4, from a session with
/// the server that selects no database, retried for `patience` while the server starts.
/// Returns false, changing nothing, when it exists already. Throws ConnectionError (never
/// holding the password) or DatabaseCommandError with the server's message.
bool create_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience);

/// Drops the database `url` names, as create_database; false when it does not exist.
bool drop_database(const core::DatabaseUrl& url, std::chrono::milliseconds patience);

}  // namespace forge::dialect::mysql
