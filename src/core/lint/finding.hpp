#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/lint_model.hpp"

namespace forge::core::lint {

/// How bad a finding is; `off` only in configuration, to silence a rule.
enum class Severity { error, warning, info, off };

/// `error`, `warning`, `info` or `off`.
std::string_view severity_name(Severity severity);
/// Parses a severity name; nullopt when unknown.
std::optional<Severity> parse_severity(std::string_view name);

/// One problem found in a unit, where it is, what it locks, and what to write instead.
struct Finding {
  Position position;
  std::string code;  ///< stable: `FORGE-PG001`
  Severity severity = Severity::error;
  std::string message;
  std::string lock;  ///< the lock taken and for how long; may be empty
  std::string fix;   ///< the safe rewrite; may be empty
};

/// True when any finding is at error level.
bool has_errors(const std::vector<Finding>& findings);

}  // namespace forge::core::lint
