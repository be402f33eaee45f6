#include "dialect/postgres/postgres_conninfo.hpp"

#include <libpq-fe.h>

#include <map>
#include <set>

#include "core/errors.hpp"

namespace forge::dialect::postgres {

namespace {

// A libpq connection-string value: single-quoted, with ' and \ escaped.
std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

// The connection keywords this libpq knows (its own list, so a newer libpq's are taken too).
const std::set<std::string>& libpq_keywords() {
  static const std::set<std::string> keywords = [] {
    std::set<std::string> names;
    PQconninfoOption* options = PQconndefaults();
    for (const PQconninfoOption* option = options; option && option->keyword; ++option) {
      names.insert(option->keyword);
    }
    PQconninfoFree(options);
    return names;
  }();
  return keywords;
}

// libpq refuses an unknown keyword only when connecting, as a connection failure; it is the
// URL that is wrong (a typo such as sslmod=require would otherwise mean no TLS at all).
void check_keyword(const core::DatabaseUrl& url, const std::string& key) {
  if (key == "search_path" || libpq_keywords().count(key) > 0) return;
  throw ConfigError("the database URL parameter '" + key +
                        "' means nothing to PostgreSQL's client library (" + url.redacted() + ")",
                    "Remove it, or spell it as libpq does (sslmode, sslrootcert, "
                    "target_session_attrs, connect_timeout, ...; see libpq's connection "
                    "parameters); search_path=<schema> is forge's own.");
}

}  // namespace

std::string to_conninfo(const core::DatabaseUrl& url) {
  std::map<std::string, std::string> keywords;
  if (!url.host.empty()) keywords["host"] = url.host;
  if (url.port) keywords["port"] = std::to_string(*url.port);
  if (!url.user.empty()) keywords["user"] = url.user;
  if (!url.password.empty()) keywords["password"] = url.password;
  if (!url.database.empty()) keywords["dbname"] = url.database;
  keywords["connect_timeout"] = "10";
  keywords["application_name"] = "forge";
  // A server that vanishes (host down, network cut) sends nothing: without keepalives forge
  // would wait on the socket for hours. Probes after 30 s idle, every 10 s, 3 unanswered: the
  // session counts as lost after a minute, and so does data the server never acknowledges.
  keywords["keepalives"] = "1";
  keywords["keepalives_idle"] = "30";
  keywords["keepalives_interval"] = "10";
  keywords["keepalives_count"] = "3";
  keywords["tcp_user_timeout"] = "60000";
  std::string search_path;
  for (const auto& [key, value] : url.params) {
    check_keyword(url, key);
    if (key == "search_path") {
      search_path = value;
    } else {
      keywords[key] = value;
    }
  }
  if (!search_path.empty()) {
    std::string& options = keywords["options"];
    options += (options.empty() ? "" : " ") + std::string("-c search_path=") + search_path;
  }
  std::string conninfo;
  for (const auto& [key, value] : keywords) {
    conninfo += (conninfo.empty() ? "" : " ") + key + "=" + quoted(value);
  }
  return conninfo;
}

std::string describe_target(const core::DatabaseUrl& url) {
  return (url.host.empty() ? std::string("localhost") : url.host) + ":" +
         std::to_string(url.port.value_or(5432)) + "/" + url.database;
}

}  // namespace forge::dialect::postgres
