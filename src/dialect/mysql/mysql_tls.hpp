#pragma once
#include <cppconn/connection.h>

#include <string>

#include "core/url.hpp"

// TLS to MySQL/MariaDB from the URL's ssl-mode (or sslmode) and its ssl-ca, ssl-cert and ssl-key
// files. What TLS was asked for is never silently given up: a session that should be encrypted
// and is not is refused.
namespace forge::dialect::mysql {

/// How much TLS the URL asks for, weakest first.
enum class TlsMode { disabled, preferred, required, verify_ca, verify_identity };

/// The mode `url` asks for: ssl-mode/sslmode (MySQL's words or libpq's), preferred when absent.
TlsMode tls_mode(const core::DatabaseUrl& url);

/// Adds the client library's TLS options for `url` to `options`. Throws ConfigError (exit 2)
/// for a CA, certificate or key file that cannot be read.
void add_tls_options(const core::DatabaseUrl& url, sql::ConnectOptionsMap& options);

/// Throws ConnectionError (exit 3) when `url` requires TLS and `session` is not encrypted.
void require_encryption(const core::DatabaseUrl& url, sql::Connection& session,
                        const std::string& target);

}  // namespace forge::dialect::mysql
