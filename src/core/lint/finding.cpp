#include "core/lint/finding.hpp"

#include <algorithm>

namespace forge::core::lint {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "info";
    case Severity::off:
      break;
  }
  return "off";
}

std::optional<Severity> parse_severity(std::string_view name) {
  for (Severity severity : {Severity::error, Severity::warning, Severity::info, Severity::off}) {
    if (severity_name(severity) == name) return severity;
  }
  return std::nullopt;
}

bool has_errors(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& finding) { return finding.severity == Severity::error; });
}

}  // namespace forge::core::lint
