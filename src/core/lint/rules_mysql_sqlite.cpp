// MySQL's table copies (ALGORITHM=COPY) and ignored syntax; SQLite's unsupported ALTER TABLE
// forms and table rebuilds.
#include "core/lint/rule_context.hpp"

namespace forge::core::lint {

namespace {

std::string copy_lock(const std::string& table) {
  return "writes to " + table + " blocked (ALGORITHM=COPY) while the table is copied";
}

void check_inline_references(RuleContext& context, const Position& at, const ColumnDef& column) {
  if (!column.references) return;
  context.report(
      "FORGE-MY004", at,
      "MySQL ignores REFERENCES on the column definition of " + column.name +
          ": no foreign key is created",
      "", "declare it as a table constraint: FOREIGN KEY (" + column.name + ") REFERENCES t (id)");
}

void check_mysql_action(RuleContext& context, const Position& at, const AlterTable& alter,
                        const TableAction& action) {
  const std::string& table = alter.table;
  const bool existing = !context.is_new_table(table);
  if (const auto* add = std::get_if<AddColumn>(&action)) {
    check_inline_references(context, at, add->column);
    if (add->reorders && existing) {
      context.report("FORGE-MY002", at,
                     "FIRST / AFTER places " + add->column.name + " by copying " + table,
                     copy_lock(table), "add the column at the end (no FIRST / AFTER)");
    }
  } else if (const auto* change = std::get_if<AlterColumnType>(&action)) {
    if (!existing) return;
    if (change->enum_or_set) {
      context.report("FORGE-MY001", at,
                     "changing the ENUM/SET column " + table + "." + change->column +
                         " copies the table unless values are only appended at the end",
                     copy_lock(table),
                     "only append new values at the end of the list, and add ALGORITHM=INPLACE, "
                     "LOCK=NONE so MySQL refuses rather than copies");
    }
    if (change->reorders) {
      context.report("FORGE-MY002", at,
                     "FIRST / AFTER moves " + change->column + " by copying " + table,
                     copy_lock(table), "leave the column where it is");
    }
  } else if (std::holds_alternative<ConvertCharset>(action) && existing) {
    context.report("FORGE-MY003", at, "converting " + table + "'s character set copies the table",
                   copy_lock(table),
                   "convert large tables with an online schema change tool (gh-ost, "
                   "pt-online-schema-change)");
  }
}

}  // namespace

void check_mysql(RuleContext& context, const LintStatement& statement) {
  if (const auto* create = std::get_if<CreateTable>(&statement.shape)) {
    for (const ColumnDef& column : create->columns) {
      check_inline_references(context, statement.position, column);
    }
  }
  for_each_action(statement, [&](const AlterTable& alter, const TableAction& action) {
    check_mysql_action(context, statement.position, alter, action);
  });
}

void check_sqlite(RuleContext& context, const LintStatement& statement) {
  const auto* alter = std::get_if<AlterTable>(&statement.shape);
  if (!alter) return;
  if (alter->rebuilds && !context.is_new_table(alter->table)) {
    context.report("FORGE-SL002", statement.position,
                   "SQLite cannot alter this column in place: forge copies " + alter->table +
                       " into a new table",
                   "the database's write lock while every row is copied",
                   "prefer adding a column; on a large table, schedule the rebuild");
  }
  for (const TableAction& action : alter->actions) {
    if (const auto* unsupported = std::get_if<Unsupported>(&action)) {
      context.report("FORGE-SL001", statement.position,
                     "SQLite's ALTER TABLE cannot " + unsupported->what, "",
                     "write it as a declarative changeColumn/addConstraint unit (forge rebuilds "
                     "the table), or rebuild the table by hand");
    }
  }
}

}  // namespace forge::core::lint
