#include "cli/lint_run.hpp"

#include <iostream>

#include "core/catalog.hpp"
#include "core/errors.hpp"
#include "core/lint/lint_config.hpp"
#include "core/lint/lint_report.hpp"
#include "core/lint/live_rows.hpp"
#include "dialect/lint_units.hpp"
#include "dialect/sql_writer.hpp"
#include "util/logging.hpp"

namespace forge::cli {

namespace {

// Counts the rows of a table of `connection` up to the bound; nullopt when it cannot be read
// (most often: the table does not exist yet).
core::lint::RowCounter live_rows(core::Connection& connection) {
  return [&connection](const std::string& table) -> std::optional<long long> {
    const std::string sql = "SELECT count(*) FROM (SELECT 1 FROM " +
                            dialect::quote_qualified_name(table, connection.dialect()) + " LIMIT " +
                            std::to_string(core::lint::k_row_count_bound) + ") counted";
    try {
      const auto rows = connection.query(sql, {}, "the rows of " + table);
      return rows.empty() || rows[0].empty() ? std::nullopt
                                             : std::optional<long long>(std::stoll(rows[0][0]));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
}

}  // namespace

std::vector<core::lint::Finding> lint_units(const std::vector<const core::Unit*>& units,
                                            core::Dialect dialect,
                                            const core::lint::SeverityOverrides& overrides,
                                            core::Connection* live) {
  std::vector<core::lint::Finding> findings;
  for (const core::Unit* unit : units) {
    const auto model = dialect::lint_model_of(*unit, dialect);
    if (!model) {
      util::log_info("{}: a JavaScript unit, not linted (its SQL exists only as it runs)",
                     unit->up.file);
      continue;
    }
    auto found = core::lint::lint_unit(*model, dialect, overrides);
    if (live) core::lint::refine_with_rows(found, *model, live_rows(*live));
    for (auto& finding : found) findings.push_back(std::move(finding));
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
  const auto findings = lint_units(pending, connection.dialect(), lint_overrides(), &connection);
  std::cerr << core::lint::text_report(findings);
  if (!core::lint::has_errors(findings)) return;
  throw LintError(
      "db:migrate --lint: the pending units have error-level findings (listed "
      "above); nothing was applied",
      "Fix them, or silence one that is safe with `-- forge:lint-ignore CODE reason` "
      "above its statement.");
}

}  // namespace forge::cli
