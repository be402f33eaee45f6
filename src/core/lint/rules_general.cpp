// The rules every dialect shares: destructive, data-dependent and backward-incompatible changes.
#include "core/lint/rule_context.hpp"

namespace forge::core::lint {

namespace {

// The lock an ALTER TABLE takes on `table`, in the words of the dialect's documentation.
std::string table_lock(Dialect dialect, const std::string& table, const std::string& how_long) {
  switch (dialect) {
    case Dialect::postgres:
      return "ACCESS EXCLUSIVE on " + table + " " + how_long;
    case Dialect::mysql:
      return "a metadata lock on " + table + " " + how_long;
    case Dialect::sqlite:
      break;
  }
  return "the database's write lock " + how_long;
}

void check_drop_table(RuleContext& context, const LintStatement& statement, const DropTable& drop) {
  for (const std::string& table : drop.tables) {
    if (context.is_new_table(table)) continue;
    context.report("FORGE-D001", statement.position,
                   "DROP TABLE " + table + " deletes the table and every row in it",
                   table_lock(context.dialect(), table, "while it is dropped"),
                   "stop using the table in a release first, keep a backup, then drop it in a "
                   "later unit with `-- forge:lint-ignore FORGE-D001 <why it is safe>`");
  }
}

void check_table_destruction(RuleContext& context, const LintStatement& statement,
                             const AlterTable& alter, const TableAction& action) {
  if (context.is_new_table(alter.table)) return;
  if (const auto* drop = std::get_if<DropColumn>(&action)) {
    context.report("FORGE-D002", statement.position,
                   "DROP COLUMN " + alter.table + "." + drop->column +
                       " deletes its data and breaks code that still reads it",
                   table_lock(context.dialect(), alter.table, "while the column is dropped"),
                   "deploy code that no longer reads the column, then drop it in a later unit");
  } else if (const auto* rename = std::get_if<RenameColumn>(&action)) {
    context.report("FORGE-D010", statement.position,
                   "renaming " + alter.table + "." + rename->from + " to " + rename->to +
                       " breaks the application still reading " + rename->from,
                   table_lock(context.dialect(), alter.table, "briefly"),
                   "add the new column, write both, backfill, move readers, then drop the old one");
  }
}

}  // namespace

void check_destructive(RuleContext& context, const LintStatement& statement) {
  const StatementShape& shape = statement.shape;
  if (const auto* drop = std::get_if<DropTable>(&shape))
    check_drop_table(context, statement, *drop);
  if (const auto* drop = std::get_if<DropNamespace>(&shape)) {
    context.report("FORGE-D003", statement.position,
                   "DROP " + drop->kind + " " + drop->name + " deletes every object in it", "",
                   "drop the objects one by one in units that say why each is safe");
  }
  if (const auto* truncate = std::get_if<Truncate>(&shape)) {
    std::string message = "TRUNCATE deletes every row";
    if (truncate->cascade) message += ", and CASCADE empties every table that references it too";
    context.report("FORGE-D004", statement.position, message,
                   context.dialect() == Dialect::postgres ? "ACCESS EXCLUSIVE on the table" : "",
                   "delete the rows a seeder or a script owns with DELETE ... WHERE");
  }
  if (const auto* rename = std::get_if<RenameTable>(&shape)) {
    if (context.is_new_table(rename->from)) return;
    context.report("FORGE-D009", statement.position,
                   "renaming " + rename->from + " to " + rename->to +
                       " breaks the application still using " + rename->from,
                   table_lock(context.dialect(), rename->from, "briefly"),
                   "create the new table (or a view named like the old one) and move readers "
                   "first");
  }
  for_each_action(statement, [&](const AlterTable& alter, const TableAction& action) {
    check_table_destruction(context, statement, alter, action);
  });
}

namespace {

void check_added_column(RuleContext& context, const LintStatement& statement,
                        const AlterTable& alter, const AddColumn& add) {
  const ColumnDef& column = add.column;
  if (!column.not_null || column.default_kind != DefaultKind::none || column.serial) return;
  context.report("FORGE-D007", statement.position,
                 "adding " + alter.table + "." + column.name +
                     " NOT NULL without a default fails on a table that has rows",
                 table_lock(context.dialect(), alter.table, "while the column is added"),
                 "add the column nullable (or with a constant DEFAULT), backfill it in batches, "
                 "then make it NOT NULL");
}

void check_action_data(RuleContext& context, const LintStatement& statement,
                       const AlterTable& alter, const TableAction& action) {
  const std::string& table = alter.table;
  if (const auto* add = std::get_if<AddColumn>(&action)) {
    check_added_column(context, statement, alter, *add);
  } else if (const auto* set = std::get_if<SetNotNull>(&action)) {
    context.report(
        "FORGE-D006", statement.position,
        "SET NOT NULL on " + table + "." + set->column +
            " fails when a row holds NULL, and scans the whole table to check",
        table_lock(context.dialect(), table, "while every row is scanned"),
        context.dialect() == Dialect::postgres
            ? "ADD CONSTRAINT c CHECK (" + set->column +
                  " IS NOT NULL) NOT VALID; VALIDATE "
                  "CONSTRAINT c (in another unit); then SET NOT NULL uses it and skips the scan"
            : "backfill the NULLs first, in batches, in an earlier unit");
  } else if (const auto* drop = std::get_if<DropNotNull>(&action)) {
    context.report("FORGE-D011", statement.position,
                   "DROP NOT NULL on " + table + "." + drop->column +
                       " lets NULLs in that readers may not expect",
                   "", "make sure every reader handles NULL before this unit runs");
  } else if (const auto* constraint = std::get_if<AddConstraint>(&action)) {
    if (constraint->kind != ConstraintType::unique) return;
    context.report("FORGE-D005", statement.position,
                   "a UNIQUE constraint on " + table + " fails when duplicate rows exist", "",
                   "check for duplicates (SELECT ... GROUP BY ... HAVING count(*) > 1) and remove "
                   "them in an earlier unit");
  } else if (const auto* change = std::get_if<AlterColumnType>(&action)) {
    if (change->known_widening || context.dialect() == Dialect::postgres) return;
    context.report("FORGE-D008", statement.position,
                   "changing the type of " + table + "." + change->column + " to " + change->type +
                       " may fail on, or cut, values that do not fit",
                   table_lock(context.dialect(), table, "while the table is copied"),
                   "add a column of the new type, backfill it, switch readers, drop the old one");
  }
}

}  // namespace

void check_data_dependent(RuleContext& context, const LintStatement& statement) {
  if (const auto* index = std::get_if<CreateIndex>(&statement.shape)) {
    if (index->unique && !context.is_new_table(index->table)) {
      context.report("FORGE-D005", statement.position,
                     "a UNIQUE index on " + index->table + " fails when duplicate rows exist", "",
                     "check for duplicates and remove them in an earlier unit");
    }
  }
  for_each_action(statement, [&](const AlterTable& alter, const TableAction& action) {
    if (!context.is_new_table(alter.table)) check_action_data(context, statement, alter, action);
  });
}

}  // namespace forge::core::lint
