#include "core/lint/rule_context.hpp"

#include "core/lint/rule_catalog.hpp"

namespace forge::core::lint {

void RuleContext::report(const std::string& code, const Position& position, std::string message,
                         std::string lock, std::string fix) {
  const RuleInfo* rule = find_rule(code);
  Finding finding;
  finding.position = position;
  finding.code = code;
  finding.severity = rule ? rule->severity : Severity::error;
  finding.message = std::move(message);
  finding.lock = std::move(lock);
  finding.fix = std::move(fix);
  m_findings.push_back(std::move(finding));
}

}  // namespace forge::core::lint
