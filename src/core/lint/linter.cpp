#include "core/lint/linter.hpp"

#include <algorithm>

#include "core/lint/rule_context.hpp"

namespace forge::core::lint {

namespace {

void check_statement(RuleContext& context, const LintStatement& statement) {
  if (const auto* unparsed = std::get_if<Unparsed>(&statement.shape)) {
    context.report("FORGE-L002", statement.position, "cannot parse: " + unparsed->message, "",
                   "fix the statement's syntax (the unit would fail when it runs)");
    return;
  }
  check_destructive(context, statement);
  check_data_dependent(context, statement);
  switch (context.dialect()) {
    case Dialect::postgres:
      check_postgres(context, statement);
      check_postgres_transaction(context, statement);
      break;
    case Dialect::mysql:
      check_mysql(context, statement);
      break;
    case Dialect::sqlite:
      check_sqlite(context, statement);
      break;
  }
}

// What the statement leaves for the ones after it.
void remember(UnitState& state, const LintStatement& statement) {
  const StatementShape& shape = statement.shape;
  if (const auto* create = std::get_if<CreateTable>(&shape)) {
    state.created_tables.insert(create->table);
  } else if (const auto* added = std::get_if<AlterEnumAddValue>(&shape)) {
    state.added_enum_values.push_back(added->value);
  } else if (std::holds_alternative<SetLockTimeout>(shape)) {
    state.lock_timeout_set = true;
  } else if (std::holds_alternative<Begin>(shape)) {
    state.in_explicit_transaction = true;
  } else if (std::holds_alternative<Commit>(shape)) {
    state.in_explicit_transaction = false;
    state.added_enum_values.clear();
  }
}

bool ignored_by(const std::vector<IgnoreDirective>& ignores, const std::string& code) {
  return std::any_of(ignores.begin(), ignores.end(),
                     [&](const IgnoreDirective& ignore) { return ignore.code == code; });
}

// Keeps the findings of [from, end) that `ignores` do not silence.
void drop_ignored(std::vector<Finding>& findings, std::size_t from,
                  const std::vector<IgnoreDirective>& ignores) {
  findings.erase(
      std::remove_if(findings.begin() + static_cast<std::ptrdiff_t>(from), findings.end(),
                     [&](const Finding& f) { return ignored_by(ignores, f.code); }),
      findings.end());
}

void report_missing_reasons(RuleContext& context) {
  for (const IgnoreDirective& ignore : context.unit().file_ignores) {
    if (!ignore.reason.empty()) continue;
    context.report("FORGE-L001", ignore.position,
                   "forge:lint-ignore " + ignore.code + " gives no reason", "",
                   "-- forge:lint-ignore " + ignore.code + " <why this is safe here>");
  }
}

std::vector<Finding> with_overrides(std::vector<Finding> findings,
                                    const SeverityOverrides& overrides) {
  for (Finding& finding : findings) {
    if (auto found = overrides.find(finding.code); found != overrides.end()) {
      finding.severity = found->second;
    }
  }
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const Finding& f) { return f.severity == Severity::off; }),
                 findings.end());
  return findings;
}

}  // namespace

std::vector<Finding> lint_unit(const LintUnit& unit, Dialect dialect,
                               const SeverityOverrides& overrides) {
  RuleContext context(dialect, unit);
  std::vector<Finding> findings;
  for (const LintStatement& statement : unit.statements) {
    const std::size_t before = context.findings().size();
    check_statement(context, statement);
    remember(context.state(), statement);
    findings.insert(findings.end(), context.findings().begin() + before, context.findings().end());
    drop_ignored(findings, findings.size() - (context.findings().size() - before),
                 statement.ignores);
  }
  const std::size_t unit_level = context.findings().size();
  check_unit(context);
  report_missing_reasons(context);
  const std::size_t from = findings.size();
  findings.insert(findings.end(), context.findings().begin() + unit_level,
                  context.findings().end());
  drop_ignored(findings, from, unit.file_ignores);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.position.file, a.position.line, a.position.column) <
           std::tie(b.position.file, b.position.line, b.position.column);
  });
  return with_overrides(std::move(findings), overrides);
}

}  // namespace forge::core::lint
