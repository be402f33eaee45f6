#include "cli/lint_run.hpp"

#include <spdlog/spdlog.h>

#include <iostream>

#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/lint/lint_config.hpp"
#include "core/lint/lint_report.hpp"
#include "dialect/lint_units.hpp"

namespace forge::cli {

std::vector<core::lint::Finding> lint_units(const std::vector<const core::Unit*>& units,
                                            core::Dialect dialect,
                                            const core::lint::SeverityOverrides& overrides) {
  std::vector<core::lint::Finding> findings;
  for (const core::Unit* unit : units) {
    const auto model = dialect::lint_model_of(*unit, dialect);
    if (!model) {
      spdlog::info("{}: a JavaScript unit, not linted (its SQL exists only as it runs)",
                   unit->up.file);
      continue;
    }
    for (auto& finding : core::lint::lint_unit(*model, dialect, overrides)) {
      findings.push_back(std::move(finding));
    }
  }
  return findings;
}

core::lint::SeverityOverrides lint_overrides() {
  return core::lint::read_lint_overrides(std::filesystem::current_path() / ".forgerc");
}

void refuse_on_lint_errors(core::Connection& connection, const std::vector<core::Unit>& units,
                           const std::string& history_table) {
  const core::Catalog catalog(units, connection.read_history(history_table));
  std::vector<const core::Unit*> pending;
  for (const auto& entry : catalog.entries()) {
    if (!entry.is_applied() && entry.has_file()) pending.push_back(entry.unit);
  }
  const auto findings = lint_units(pending, connection.dialect(), lint_overrides());
  std::cerr << core::lint::text_report(findings);
  if (!core::lint::has_errors(findings)) return;
  throw LintError(
      "db:migrate --lint: the pending units have error-level findings (listed "
      "above); nothing was applied",
      "Fix them, or silence one that is safe with `-- forge:lint-ignore CODE reason` "
      "above its statement.");
}

}  // namespace forge::cli
