#include "core/lint/lint_config.hpp"

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/lint/rule_catalog.hpp"
#include "util/files.hpp"

namespace forge::core::lint {

namespace {

Severity level_of(const std::string& code, const nlohmann::json& value) {
  const auto level = value.is_string() ? parse_severity(value.get<std::string>()) : std::nullopt;
  if (!level) {
    throw ConfigError(".forgerc (\"lint\"): " + code + ": bad level " + value.dump(),
                      "Write \"error\", \"warning\", \"info\" or \"off\".");
  }
  return *level;
}

}  // namespace

SeverityOverrides read_lint_overrides(const std::filesystem::path& rc_file) {
  std::error_code missing;
  if (!std::filesystem::exists(rc_file, missing)) return {};
  const auto document = nlohmann::json::parse(util::read_file(rc_file), nullptr, false);
  if (!document.is_object() || !document.contains("lint")) return {};  // read_rc_file reports
  const auto& lint = document["lint"];
  if (!lint.is_object()) {
    throw ConfigError(".forgerc (\"lint\"): must be an object of rule levels",
                      "Write it as \"lint\": { \"FORGE-PG001\": \"warning\" }.");
  }
  SeverityOverrides overrides;
  for (const auto& [code, value] : lint.items()) {
    if (!find_rule(code)) {
      throw ConfigError(".forgerc (\"lint\"): no rule " + code,
                        "See the rule table in README (\"forge lint\").");
    }
    overrides[code] = level_of(code, value);
  }
  return overrides;
}

}  // namespace forge::core::lint
