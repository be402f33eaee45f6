#pragma once
#include <filesystem>
#include <vector>

#include "core/adapter.hpp"
#include "core/lint/finding.hpp"
#include "core/lint/linter.hpp"
#include "core/unit.hpp"

namespace forge::cli {

/// The findings of every unit in `units` for `dialect`, with `.forgerc`'s levels applied
/// (JavaScript units are skipped, saying so on stderr); with `live`, refined by the rows its
/// tables hold (core::lint::refine_with_rows).
std::vector<core::lint::Finding> lint_units(const std::vector<const core::Unit*>& units,
                                            core::Dialect dialect,
                                            const core::lint::SeverityOverrides& overrides,
                                            core::Connection* live = nullptr);

/// The levels `.forgerc` in the working folder sets for lint rules.
core::lint::SeverityOverrides lint_overrides();

/// `db:migrate --lint`: lints the units of `units` not yet in `history_table`, prints the
/// findings (text, on stderr) and throws LintError when any is at error level, before anything
/// is applied (the caller has taken no lock yet).
void refuse_on_lint_errors(core::Connection& connection, const std::vector<core::Unit>& units,
                           const std::string& history_table);

}  // namespace forge::cli
