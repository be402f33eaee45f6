#pragma once
#include <filesystem>
#include <vector>

#include "core/lint/finding.hpp"
#include "core/lint/linter.hpp"
#include "core/unit.hpp"

namespace forge::cli {

/// The findings of every unit in `units` for `dialect`, with `.forgerc`'s levels applied
/// (JavaScript units are skipped, saying so on stderr).
std::vector<core::lint::Finding> lint_units(const std::vector<const core::Unit*>& units,
                                            core::Dialect dialect,
                                            const core::lint::SeverityOverrides& overrides);

/// The levels `.forgerc` in the working folder sets for lint rules.
core::lint::SeverityOverrides lint_overrides();

/// `db:migrate --lint`: lints `pending`, prints the findings (text, on stderr) and throws
/// LintError when any is at error level, before anything is applied.
void refuse_on_lint_errors(const std::vector<const core::Unit*>& pending, core::Dialect dialect);

}  // namespace forge::cli
