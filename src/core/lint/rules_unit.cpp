// Rules on a unit as a whole: can it be undone, and does a failure leave it half applied.
#include <algorithm>

#include "core/lint/rule_context.hpp"

namespace forge::core::lint {

namespace {

bool is_bookkeeping(const LintStatement& statement) {
  return std::holds_alternative<SetLockTimeout>(statement.shape) ||
         std::holds_alternative<Begin>(statement.shape) ||
         std::holds_alternative<Commit>(statement.shape);
}

bool opens_own_transaction(const LintUnit& unit) {
  return std::any_of(unit.statements.begin(), unit.statements.end(),
                     [](const LintStatement& s) { return std::holds_alternative<Begin>(s.shape); });
}

void check_transaction(RuleContext& context) {
  const LintUnit& unit = context.unit();
  if (unit.in_transaction || unit.declarative || context.dialect() == Dialect::mysql) return;
  if (opens_own_transaction(unit)) return;
  const auto counted = std::count_if(unit.statements.begin(), unit.statements.end(),
                                     [](const LintStatement& s) { return !is_bookkeeping(s); });
  if (counted < 2) return;
  context.report("FORGE-U003", unit.statements.front().position,
                 "this unit runs outside a transaction and has " + std::to_string(counted) +
                     " statements: if one fails, the ones before it stay applied",
                 "",
                 "keep a statement that refuses a transaction (CREATE INDEX CONCURRENTLY) "
                 "alone in its unit");
}

}  // namespace

void check_unit(RuleContext& context) {
  const LintUnit& unit = context.unit();
  if (!unit.has_down) {
    context.report("FORGE-U001", unit.position, "unit " + unit.name + " has no down section", "",
                   "write the down that undoes the up (forge:down), or say why it cannot be "
                   "undone in a comment and ignore this rule");
  }
  if (!unit.down_mismatch.empty()) {
    context.report(
        "FORGE-U002", unit.position,
        "the down of " + unit.name + " is not the inverse of its up: " + unit.down_mismatch, "",
        "remove the down list to let forge derive it, or make it undo the up");
  }
  check_transaction(context);
}

}  // namespace forge::core::lint
