#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/lint/finding.hpp"
#include "core/lint/lint_model.hpp"

namespace forge::core::lint {

/// The level configuration gives some rules instead of their default (`off` drops them).
using SeverityOverrides = std::map<std::string, Severity>;

/// Runs every rule that applies to `dialect` on `unit`, statement by statement, then on the unit
/// as a whole. Findings silenced by a `forge:lint-ignore` comment are left out (an ignore
/// without a reason is itself a finding, FORGE-L001); `overrides` then set levels. Ordered by
/// line and column. Pure: never throws for a classified unit.
std::vector<Finding> lint_unit(const LintUnit& unit, Dialect dialect,
                               const SeverityOverrides& overrides = {});

}  // namespace forge::core::lint
