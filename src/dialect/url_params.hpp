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

/// The tenant `name` on the server of `control` (a fleet's --targets-query row that is no URL):
/// on MySQL/MariaDB the database `name`; on PostgreSQL the schema `name` of the control database
/// (schema per tenant: `?search_path=`). `where` names the row for errors (ConfigError): SQLite
/// has no tenants by name, and a schema name the search_path option cannot carry is refused.
core::DatabaseUrl tenant_on_server(const core::DatabaseUrl& control, const std::string& name,
                                   const std::string& where);

}  // namespace forge::dialect
