#pragma once
#include <string>
#include <vector>

#include "core/lint/finding.hpp"

namespace forge::core::lint {

/// A rule's fixed description: its stable code, what it catches, and its default level.
struct RuleInfo {
  std::string code;      ///< `FORGE-PG001`
  std::string name;      ///< `index-without-concurrently`
  std::string dialects;  ///< `postgres`, `mysql, sqlite`, `all`
  Severity severity;     ///< the default level; configuration may change it
  std::string summary;   ///< one line
  std::string squawk;    ///< squawk's rule name(s), or empty
};

/// Every rule, ordered by code.
const std::vector<RuleInfo>& rule_catalog();
/// The rule with `code`, or nullptr.
const RuleInfo* find_rule(const std::string& code);

}  // namespace forge::core::lint
