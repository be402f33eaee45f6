#include "dialect/url_params.hpp"

#include <algorithm>
#include <vector>

#include "core/errors.hpp"
#include "util/strings.hpp"

namespace forge::dialect {

namespace {

struct Accepted {
  const char* key;
  std::vector<std::string> values;  ///< empty: any value
};

const std::vector<Accepted>& accepted_for(core::Dialect dialect) {
  static const std::vector<Accepted> sqlite = {{"mode", {"ro", "rw", "rwc"}}};
  static const std::vector<std::string> tls_modes = {
      "disabled", "preferred", "required", "verify_ca", "verify_identity",
      "disable",  "prefer",    "require",  "verify-ca", "verify-full"};
  static const std::vector<Accepted> mysql = {
      {"socket", {}},  {"password", {}}, {"ssl-mode", tls_modes}, {"sslmode", tls_modes},
      {"ssl-ca", {}},  {"sslca", {}},    {"ssl-cert", {}},        {"sslcert", {}},
      {"ssl-key", {}}, {"sslkey", {}}};
  static const std::vector<Accepted> none;
  if (dialect == core::Dialect::sqlite) return sqlite;
  if (dialect == core::Dialect::mysql) return mysql;
  return none;
}

std::string names_of(const std::vector<Accepted>& accepted) {
  std::string names;
  for (const auto& entry : accepted) names += (names.empty() ? "" : ", ") + std::string(entry.key);
  return names;
}

[[noreturn]] void refuse(const core::DatabaseUrl& url, const std::string& key) {
  const std::string lower = util::to_lower(key);
  const bool tls = lower.rfind("ssl", 0) == 0 || lower.rfind("tls", 0) == 0;
  const std::string dialect(core::dialect_name(url.dialect));
  throw ConfigError(
      "the database URL parameter '" + key + "' means nothing to forge's " + dialect +
          " adapter, which would connect without it (" + url.redacted() + ")",
      std::string(tls ? "forge refuses a TLS setting it does not act on rather than connect "
                        "without it. "
                      : "") +
          "Remove it; the parameters " + dialect +
          " URLs take are: " + names_of(accepted_for(url.dialect)) + ".");
}

}  // namespace

void check_url_params(const core::DatabaseUrl& url) {
  if (url.dialect == core::Dialect::postgres) return;
  const auto& accepted = accepted_for(url.dialect);
  for (const auto& [key, value] : url.params) {
    const auto found = std::find_if(accepted.begin(), accepted.end(), [&](const Accepted& entry) {
      return util::to_lower(key) == entry.key;
    });
    if (found == accepted.end()) refuse(url, key);
    if (!found->values.empty() && std::find(found->values.begin(), found->values.end(),
                                            util::to_lower(value)) == found->values.end()) {
      throw ConfigError(
          "the database URL parameter " + key + "=" + value + " is not one forge knows",
          "Use " + key + "=" + util::join(found->values, ", " + key + "=") + ".");
    }
  }
}

std::string url_param(const core::DatabaseUrl& url, const std::string& key) {
  for (const auto& [name, value] : url.params) {
    if (util::to_lower(name) == key) return value;
  }
  return "";
}

core::DatabaseUrl tenant_on_server(const core::DatabaseUrl& control, const std::string& name,
                                   const std::string& where) {
  core::DatabaseUrl url = control;
  if (control.dialect == core::Dialect::mysql) {
    url.database = name;
    return url;
  }
  if (control.dialect != core::Dialect::postgres) {
    throw ConfigError(where + ": '" + name + "' is not a database URL",
                      "On SQLite, --targets-query must return URLs (sqlite:path/to/file.db).");
  }
  // libpq splits its options at blanks and reads backslashes; a quote or comma would change
  // the search_path's meaning.
  if (name.find_first_of(" \t\\\",") != std::string::npos) {
    throw ConfigError(
        where + ": the schema name '" + name + "' holds a blank, quote, comma or backslash",
        "Return the tenant's URL with ?search_path= instead.");
  }
  auto& params = url.params;
  params.erase(std::remove_if(params.begin(), params.end(),
                              [](const auto& param) { return param.first == "search_path"; }),
               params.end());
  // Quoted, so the server keeps its case: the name is the catalog's own spelling.
  const bool lower = util::to_lower(name) == name;
  params.emplace_back("search_path", lower ? name : "\"" + name + "\"");
  return url;
}

}  // namespace forge::dialect
