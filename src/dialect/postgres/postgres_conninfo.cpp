#include "dialect/postgres/postgres_conninfo.hpp"

#include <map>

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
