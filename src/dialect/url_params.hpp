#pragma once
#include <string>

#include "core/url.hpp"

// A URL parameter an adapter does not act on would be dropped without a word — a `ssl-mode` that
// leaves the connection in plaintext. Each parameter either means something to the dialect or is
// refused.
namespace forge::dialect {

/// Throws ConfigError (exit 2) naming the first parameter of `url` its dialect's adapter does
/// not act on, or a value it does not know. PostgreSQL's go to libpq, which checks them itself.
void check_url_params(const core::DatabaseUrl& url);

/// The value of parameter `key` (its name compared without case), or "" when absent.
std::string url_param(const core::DatabaseUrl& url, const std::string& key);

}  // namespace forge::dialect
