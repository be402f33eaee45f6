// PostgreSQL's locking rules: which statements hold ACCESS EXCLUSIVE (or SHARE) for as long as
// they scan or rewrite a table, and the forms that do the same work without blocking.
#include <algorithm>

#include "core/lint/rule_context.hpp"

namespace forge::core::lint {

namespace {

std::string exclusive(const std::string& table, const std::string& how_long) {
  return "ACCESS EXCLUSIVE on " + table + " " + how_long;
}

void check_constraint(RuleContext& context, const Position& at, const std::string& table,
                      const AddConstraint& constraint) {
  switch (constraint.kind) {
    case ConstraintType::foreign_key:
      if (constraint.not_valid) return;
      context.report("FORGE-PG003", at,
                     "adding a FOREIGN KEY to " + table + " checks every row while it locks",
                     "SHARE ROW EXCLUSIVE on " + table +
                         " and the referenced table while every row is checked",
                     "ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID; then, in another unit, "
                     "ALTER TABLE " +
                         table + " VALIDATE CONSTRAINT ...");
      return;
    case ConstraintType::check:
      if (constraint.not_valid) return;
      context.report("FORGE-PG004", at,
                     "adding a CHECK constraint to " + table + " scans every row while it locks",
                     exclusive(table, "while every row is checked"),
                     "ADD CONSTRAINT ... CHECK (...) NOT VALID; then, in another unit, "
                     "ALTER TABLE " +
                         table + " VALIDATE CONSTRAINT ...");
      return;
    case ConstraintType::unique:
    case ConstraintType::primary_key:
      if (constraint.using_index) return;
      context.report("FORGE-PG005", at,
                     std::string("ADD ") +
                         (constraint.kind == ConstraintType::unique ? "UNIQUE" : "PRIMARY KEY") +
                         " on " + table + " builds its index while it locks",
                     exclusive(table, "while the index is built"),
                     "CREATE UNIQUE INDEX CONCURRENTLY idx ON " + table +
                         " (...); then ADD CONSTRAINT c UNIQUE USING INDEX idx (or PRIMARY KEY "
                         "USING INDEX idx)");
      return;
    case ConstraintType::other:
      return;
  }
}

void check_added_column(RuleContext& context, const Position& at, const std::string& table,
                        const AddColumn& add) {
  const ColumnDef& column = add.column;
  // serial / identity / autoIncrement fill the column from a sequence: nextval() per row.
  if (column.default_kind == DefaultKind::volatile_value || column.serial) {
    context.report("FORGE-PG007", at,
                   "adding " + table + "." + column.name +
                       " with a default computed per row (a volatile function, a sequence, an "
                       "identity or a generated column) rewrites the table",
                   exclusive(table, "while the table is rewritten"),
                   "add the column without a default (or with a constant one), then backfill it "
                   "in batches");
  }
  if (column.references) {
    context.report("FORGE-PG003", at,
                   "adding " + table + "." + column.name +
                       " with REFERENCES validates the foreign key while it locks",
                   "SHARE ROW EXCLUSIVE on " + table + " and the referenced table",
                   "add the column without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... "
                   "NOT VALID and VALIDATE it in another unit");
  }
  if (column.unique || column.primary_key) {
    check_constraint(
        context, at, table,
        AddConstraint{column.primary_key ? ConstraintType::primary_key : ConstraintType::unique, "",
                      false, false});
  }
}

void check_action(RuleContext& context, const Position& at, const std::string& table,
                  const TableAction& action) {
  if (const auto* add = std::get_if<AddColumn>(&action)) {
    check_added_column(context, at, table, *add);
  } else if (const auto* constraint = std::get_if<AddConstraint>(&action)) {
    check_constraint(context, at, table, *constraint);
  } else if (const auto* change = std::get_if<AlterColumnType>(&action)) {
    if (change->known_widening) return;
    context.report("FORGE-PG006", at,
                   "changing the type of " + table + "." + change->column + " to " + change->type +
                       " rewrites the table and its indexes",
                   exclusive(table, "while the table is rewritten"),
                   "add a column of the new type, backfill it in batches, switch readers, then "
                   "drop the old column");
  }
}

// A statement that waits for a lock on an existing object. While it waits, every later query
// needing a conflicting lock queues behind it: ACCESS EXCLUSIVE stops reads and writes, and even
// CONCURRENTLY's SHARE UPDATE EXCLUSIVE waits for the table's open transactions and holds up
// other schema changes (squawk's require-lock-timeout says the same of each).
bool waits_for_lock(const RuleContext& context, const StatementShape& shape) {
  if (const auto* alter = std::get_if<AlterTable>(&shape))
    return !context.is_new_table(alter->table);
  if (const auto* index = std::get_if<CreateIndex>(&shape))
    return !context.is_new_table(index->table);
  return std::holds_alternative<DropIndex>(shape) || std::holds_alternative<DropTable>(shape) ||
         std::holds_alternative<Truncate>(shape) || std::holds_alternative<RenameTable>(shape) ||
         std::holds_alternative<DropNamespace>(shape) ||
         std::holds_alternative<AlterEnumAddValue>(shape);
}

void check_lock_timeout(RuleContext& context, const LintStatement& statement) {
  UnitState& state = context.state();
  if (state.lock_timeout_set || state.lock_timeout_reported) return;
  if (!waits_for_lock(context, statement.shape)) return;
  state.lock_timeout_reported = true;
  context.report("FORGE-PG008", statement.position,
                 "this statement waits for its lock without a limit, and every query on the "
                 "table queues behind it",
                 "",
                 "start the unit with SET lock_timeout = '5s' (and retry the unit if it times "
                 "out)");
}

void check_index(RuleContext& context, const LintStatement& statement) {
  if (const auto* index = std::get_if<CreateIndex>(&statement.shape)) {
    if (index->concurrently || context.is_new_table(index->table)) return;
    context.report("FORGE-PG001", statement.position,
                   "CREATE INDEX on " + index->table + " without CONCURRENTLY blocks its writes",
                   "SHARE on " + index->table + " (writes blocked) while the index is built",
                   "CREATE INDEX CONCURRENTLY (forge then runs the unit outside a transaction: "
                   "keep it alone in its unit)");
  } else if (const auto* drop = std::get_if<DropIndex>(&statement.shape)) {
    if (drop->concurrently) return;
    context.report("FORGE-PG010", statement.position,
                   "DROP INDEX " + drop->name + " without CONCURRENTLY blocks the table",
                   "ACCESS EXCLUSIVE on the index's table while the index is dropped",
                   "DROP INDEX CONCURRENTLY (alone in its unit)");
  }
}

}  // namespace

void check_postgres(RuleContext& context, const LintStatement& statement) {
  check_lock_timeout(context, statement);
  check_index(context, statement);
  for_each_action(statement, [&](const AlterTable& alter, const TableAction& action) {
    if (!context.is_new_table(alter.table))
      check_action(context, statement.position, alter.table, action);
  });
}

void check_postgres_transaction(RuleContext& context, const LintStatement& statement) {
  const StatementShape& shape = statement.shape;
  const auto* index = std::get_if<CreateIndex>(&shape);
  const auto* drop = std::get_if<DropIndex>(&shape);
  if (((index && index->concurrently) || (drop && drop->concurrently)) &&
      context.state().in_explicit_transaction) {
    context.report("FORGE-PG002", statement.position,
                   "CONCURRENTLY cannot run inside the BEGIN ... COMMIT this unit opens", "",
                   "move the statement out of the transaction block, into a unit of its own");
  }
  if (!context.in_transaction()) return;
  const auto& added = context.state().added_enum_values;
  for (const std::string& literal : statement.literals) {
    if (std::find(added.begin(), added.end(), literal) == added.end()) continue;
    context.report("FORGE-PG009", statement.position,
                   "the enum value '" + literal +
                       "' was added earlier in this transaction and cannot be used before it "
                       "commits",
                   "", "use the new value in a later unit (forge commits each unit)");
    return;
  }
}

}  // namespace forge::core::lint
