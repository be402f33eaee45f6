#pragma once
#include <string>

#include "core/url.hpp"

namespace forge::dialect::postgres {

/// The libpq keyword/value connection string for `url`. Query parameters pass through as libpq
/// keywords (`sslmode`, `connect_timeout`, `options`, ...); `search_path` becomes
/// `options=-c search_path=...`. Without them, `connect_timeout` is 10 s,
/// `application_name` is `forge` (so a lock holder can be recognised), and TCP keepalives
/// (`keepalives_idle` 30 s, `keepalives_interval` 10 s, `keepalives_count` 3) and
/// `tcp_user_timeout` (60 s) make a vanished server a lost connection within about a minute.
std::string to_conninfo(const core::DatabaseUrl& url);

/// "host:port/database" for messages: never the user or password.
std::string describe_target(const core::DatabaseUrl& url);

}  // namespace forge::dialect::postgres
