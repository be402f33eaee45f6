#include "core/url.hpp"

#include <cctype>

#include "core/errors.hpp"
#include "util/redaction.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

const char* k_hint =
    "Use sqlite:path/to/file.db, sqlite:///absolute/path.db, "
    "postgres://user:password@host:5432/database or mysql://user:password@host:3306/database.";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

std::string percent_decode(std::string_view text, std::string_view original) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      throw ConfigError("bad percent-escape in database URL " + util::redact_url(original), k_hint);
    }
    // The drivers take C strings: a decoded NUL would silently cut a name or password short.
    if (high == 0 && low == 0) {
      throw ConfigError(
          "bad percent-escape %00 (a NUL character) in database URL " + util::redact_url(original),
          "No database name, user or password may hold a NUL character.");
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string percent_encode(std::string_view text) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query,
                                                             std::string_view original) {
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& pair : util::split(query, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    std::string key = percent_decode(pair.substr(0, eq), original);
    std::string value =
        eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1), original);
    params.emplace_back(std::move(key), std::move(value));
  }
  return params;
}

void parse_sqlite(std::string_view rest, DatabaseUrl& url, std::string_view original) {
  if (util::starts_with(rest, "//")) rest.remove_prefix(2);  // sqlite:///abs -> /abs
  const auto question = rest.find('?');
  if (question != std::string_view::npos) {
    url.params = parse_query(rest.substr(question + 1), original);
    rest = rest.substr(0, question);
  }
  url.database = percent_decode(rest, original);
  if (url.database.empty()) {
    throw ConfigError("the SQLite URL '" + util::redact_url(original) + "' names no file", k_hint);
  }
}

void parse_host_port(std::string_view hostport, DatabaseUrl& url, std::string_view original) {
  std::string_view port;
  if (util::starts_with(hostport, "[")) {  // [::1]:5432
    const auto close = hostport.find(']');
    if (close == std::string_view::npos) {
      throw ConfigError("unclosed '[' in database URL " + util::redact_url(original), k_hint);
    }
    url.host = std::string(hostport.substr(1, close - 1));
    if (close + 1 < hostport.size() && hostport[close + 1] == ':')
      port = hostport.substr(close + 2);
  } else {
    const auto colon = hostport.rfind(':');
    url.host = std::string(hostport.substr(0, colon));
    if (colon != std::string_view::npos) port = hostport.substr(colon + 1);
  }
  if (port.empty()) return;
  url.port = parse_port(port);
  if (!url.port) {
    // The port text is not echoed: with an unencoded '/' in a password it may be part of it.
    throw ConfigError(
        "bad port in database URL " + util::redact_url(original),
        "A port is a number from 1 to 65535; percent-encode '/', '?', '#', '@' and ':' "
        "in passwords (%2F, %3F, %23, %40, %3A).");
  }
}

void parse_server(std::string_view rest, DatabaseUrl& url, std::string_view original) {
  if (!util::starts_with(rest, "//")) {
    throw ConfigError(
        "the database URL " + util::redact_url(original) + " lacks '//' after the scheme", k_hint);
  }
  rest.remove_prefix(2);
  const auto question = rest.find('?');
  if (question != std::string_view::npos) {
    url.params = parse_query(rest.substr(question + 1), original);
    rest = rest.substr(0, question);
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos)
    url.database = percent_decode(rest.substr(slash + 1), original);
  const auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    const auto colon = userinfo.find(':');
    url.user = percent_decode(userinfo.substr(0, colon), original);
    if (colon != std::string_view::npos) {
      url.password = percent_decode(userinfo.substr(colon + 1), original);
    }
    authority = authority.substr(at + 1);
  }
  parse_host_port(authority, url, original);
}

}  // namespace

std::optional<int> parse_port(std::string_view text) {
  if (!util::is_digits(text) || text.size() > 5) return std::nullopt;
  const int port = std::stoi(std::string(text));
  if (port < 1 || port > 65535) return std::nullopt;
  return port;
}

DatabaseUrl parse_database_url(std::string_view text) {
  text = util::trim(text);
  const auto colon = text.find(':');
  if (text.empty() || colon == std::string_view::npos || colon == 0) {
    throw ConfigError("'" + util::redact_url(text) + "' is not a database URL", k_hint);
  }
  DatabaseUrl url;
  url.scheme = util::to_lower(text.substr(0, colon));
  auto dialect = parse_dialect(url.scheme);
  if (!dialect) {
    throw ConfigError(
        "unsupported database URL scheme '" + url.scheme + ":' in " + util::redact_url(text),
        std::string("forge speaks sqlite:, postgres:, postgresql:, mysql: and mariadb:. ") +
            k_hint);
  }
  url.dialect = *dialect;
  if (url.dialect == Dialect::sqlite) {
    parse_sqlite(text.substr(colon + 1), url, text);
  } else {
    parse_server(text.substr(colon + 1), url, text);
  }
  return url;
}

std::string DatabaseUrl::redacted() const {
  std::string out = scheme + ":";
  if (dialect == Dialect::sqlite) {
    out += database;
  } else {
    out += "//";
    if (!user.empty() || !password.empty()) {
      out += percent_encode(user) + (password.empty() ? "" : ":***") + "@";
    }
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    if (port) out += ":" + std::to_string(*port);
    out += "/" + percent_encode(database);
  }
  for (std::size_t i = 0; i < params.size(); ++i) {
    out += (i == 0 ? "?" : "&") + params[i].first + "=" +
           (util::is_password_key(params[i].first) ? "***" : params[i].second);
  }
  return out;
}

}  // namespace forge::core
