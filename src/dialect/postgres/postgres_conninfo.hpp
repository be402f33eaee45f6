#pragma once
#include "core/url.hpp"

#include <string>

namespace forge::dialect::postgres {

/// The libpq keyword/value connection string for `url`. Query parameters pass through as libpq
/// keywords (`sslmode`, `connect_timeout`, `options`, ...); `search_path` becomes
/// `options=-c search_path=...`. Without them, `connect_timeout` is 10 s and
/// `application_name` is `forge`, so a lock holder can be recognised.
std::string to_conninfo(const core::DatabaseUrl& url);

/// "host:port/database" for messages: never the user or password.
std::string describe_target(const core::DatabaseUrl& url);

}  // namespace forge::dialect::postgres
