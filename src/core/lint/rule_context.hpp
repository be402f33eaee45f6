#pragma once
#include <set>
#include <string>
#include <vector>

#include "core/lint/finding.hpp"
#include "core/lint/lint_model.hpp"

namespace forge::core::lint {

/// What the statements before the current one did, as the rules need to know it.
struct UnitState {
  std::set<std::string> created_tables;  ///< made earlier in this unit: no rows, no readers
  bool lock_timeout_set = false;
  bool lock_timeout_reported = false;          ///< FORGE-PG008 is reported once per unit
  bool in_explicit_transaction = false;        ///< inside the unit's own BEGIN ... COMMIT
  std::vector<std::string> added_enum_values;  ///< by ALTER TYPE ADD VALUE, not yet committed
};

/// The unit being linted, the state its earlier statements left, and the findings so far.
class RuleContext {
 public:
  RuleContext(Dialect dialect, const LintUnit& unit) : m_dialect(dialect), m_unit(unit) {}

  Dialect dialect() const noexcept { return m_dialect; }
  const LintUnit& unit() const noexcept { return m_unit; }
  const UnitState& state() const noexcept { return m_state; }
  UnitState& state() noexcept { return m_state; }
  /// True when `table` was created earlier in this unit (so it is empty and unused).
  bool is_new_table(const std::string& table) const { return m_state.created_tables.count(table); }
  /// True when the current statement runs inside a transaction (forge's or the unit's own).
  bool in_transaction() const { return m_unit.in_transaction || m_state.in_explicit_transaction; }

  /// Records a finding of rule `code` (at its default level) at `position`.
  void report(const std::string& code, const Position& position, std::string message,
              std::string lock = "", std::string fix = "");
  /// The findings recorded, in order.
  const std::vector<Finding>& findings() const noexcept { return m_findings; }

 private:
  Dialect m_dialect;
  const LintUnit& m_unit;
  UnitState m_state;
  std::vector<Finding> m_findings;
};

/// The rules on one statement; each reports into `context` and reads its state.
void check_destructive(RuleContext& context, const LintStatement& statement);
void check_data_dependent(RuleContext& context, const LintStatement& statement);
void check_postgres(RuleContext& context, const LintStatement& statement);
void check_postgres_transaction(RuleContext& context, const LintStatement& statement);
void check_mysql(RuleContext& context, const LintStatement& statement);
void check_sqlite(RuleContext& context, const LintStatement& statement);
/// The rules on the unit as a whole (down, transaction).
void check_unit(RuleContext& context);

/// Calls `visit` for each action of `statement` when it is an ALTER TABLE.
template <typename Visit>
void for_each_action(const LintStatement& statement, Visit&& visit) {
  if (const auto* alter = std::get_if<AlterTable>(&statement.shape)) {
    for (const TableAction& action : alter->actions) visit(*alter, action);
  }
}

}  // namespace forge::core::lint
