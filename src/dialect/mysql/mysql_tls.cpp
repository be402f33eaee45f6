#include "dialect/mysql/mysql_tls.hpp"

#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>

#include "core/errors.hpp"
#include "dialect/url_params.hpp"
#include "util/strings.hpp"

namespace forge::dialect::mysql {

namespace {

// A parameter under either of its spellings ("ssl-ca" or "sslca").
std::string param(const core::DatabaseUrl& url, const std::string& dashed) {
  std::string joined = dashed;
  joined.erase(std::remove(joined.begin(), joined.end(), '-'), joined.end());
  const std::string value = url_param(url, dashed);
  return value.empty() ? url_param(url, joined) : value;
}

// The file a TLS parameter names, which must be readable now: the client library would only
// fail later, with a message that does not name it.
std::string readable_file(const core::DatabaseUrl& url, const std::string& key) {
  const std::string path = param(url, key);
  if (path.empty()) return path;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error) || !std::ifstream(path)) {
    throw ConfigError("the database URL's " + key + " file " + path + " cannot be read",
                      "Give the path of a PEM file forge may read.");
  }
  return path;
}

}  // namespace

TlsMode tls_mode(const core::DatabaseUrl& url) {
  const std::string mode = util::to_lower(param(url, "ssl-mode"));
  if (mode == "disabled" || mode == "disable") return TlsMode::disabled;
  if (mode == "required" || mode == "require") return TlsMode::required;
  if (mode == "verify_ca" || mode == "verify-ca") return TlsMode::verify_ca;
  if (mode == "verify_identity" || mode == "verify-full") return TlsMode::verify_identity;
  return TlsMode::preferred;  // "preferred", "prefer", or none (check_url_params refuses others)
}

void add_tls_options(const core::DatabaseUrl& url, sql::ConnectOptionsMap& options) {
  const TlsMode mode = tls_mode(url);
  const std::string ca = readable_file(url, "ssl-ca");
  const std::string cert = readable_file(url, "ssl-cert");
  const std::string key = readable_file(url, "ssl-key");
  if (mode == TlsMode::disabled) return;
  if (!ca.empty()) options["sslCA"] = sql::SQLString(ca);
  if (!cert.empty()) options["sslCert"] = sql::SQLString(cert);
  if (!key.empty()) options["sslKey"] = sql::SQLString(key);
  if (mode >= TlsMode::required) options["sslEnforce"] = true;
  // libmariadb checks the certificate's chain and its host name together.
  if (mode >= TlsMode::verify_ca) options["sslVerify"] = true;
}

void require_encryption(const core::DatabaseUrl& url, sql::Connection& session,
                        const std::string& target) {
  if (tls_mode(url) < TlsMode::required) return;
  std::unique_ptr<sql::Statement> statement(session.createStatement());
  std::unique_ptr<sql::ResultSet> result(
      statement->executeQuery("SHOW SESSION STATUS LIKE 'Ssl_cipher'"));
  if (result->next() && !std::string(result->getString(2)).empty()) return;
  throw ConnectionError("the session with MySQL at " + target +
                            " is not encrypted though the URL's ssl-mode requires TLS; forge "
                            "ran nothing there",
                        "Turn TLS on at the server (ssl-cert, ssl-key), or change ssl-mode.");
}

}  // namespace forge::dialect::mysql
