// ALTER TABLE's actions for MySQL and SQLite, one comma-separated clause at a time.
#include "core/lint/sql_classifier.hpp"

namespace forge::core::lint {

namespace {

bool starts_constraint(const TokenCursor& c) {
  for (const char* word : {"CONSTRAINT", "UNIQUE", "PRIMARY", "FOREIGN", "CHECK", "INDEX", "KEY",
                           "FULLTEXT", "SPATIAL"}) {
    if (c.is(word)) return true;
  }
  return false;
}

bool reorders(TokenCursor& cursor) {
  while (!cursor.done()) {
    if (cursor.is("FIRST") || cursor.is("AFTER")) return true;
    cursor.next();
  }
  return false;
}

TableAction read_add_constraint(TokenCursor& cursor) {
  AddConstraint constraint;
  if (cursor.accept("CONSTRAINT") && !starts_constraint(cursor)) constraint.name = cursor.name();
  if (cursor.accept("UNIQUE")) {
    constraint.kind = ConstraintType::unique;
  } else if (cursor.accept_all({"PRIMARY", "KEY"})) {
    constraint.kind = ConstraintType::primary_key;
  } else if (cursor.accept_all({"FOREIGN", "KEY"})) {
    constraint.kind = ConstraintType::foreign_key;
  } else if (cursor.accept("CHECK")) {
    constraint.kind = ConstraintType::check;
  } else {
    return OtherAction{};  // ADD INDEX / KEY / FULLTEXT: built in place by InnoDB
  }
  return constraint;
}

TableAction read_add(TokenCursor& cursor, Dialect dialect) {
  if (starts_constraint(cursor)) {
    TableAction action = read_add_constraint(cursor);
    if (dialect == Dialect::sqlite) return Unsupported{"add a constraint"};
    return action;
  }
  cursor.accept("COLUMN");
  AddColumn add{read_column_def(cursor), false};
  add.reorders = reorders(cursor);
  if (dialect == Dialect::sqlite && add.reorders) {
    return Unsupported{"place a column with FIRST / AFTER"};
  }
  if (dialect == Dialect::sqlite && (add.column.primary_key || add.column.unique)) {
    return Unsupported{"add a PRIMARY KEY or UNIQUE column"};
  }
  if (dialect == Dialect::sqlite && add.column.default_kind == DefaultKind::volatile_value) {
    return Unsupported{"add a column with a non-constant default"};
  }
  return add;
}

TableAction read_drop(TokenCursor& cursor) {
  if (starts_constraint(cursor)) {
    cursor.accept("CONSTRAINT");
    return DropConstraint{cursor.done() ? "" : cursor.name()};
  }
  cursor.accept("COLUMN");
  cursor.accept_all({"IF", "EXISTS"});
  return DropColumn{cursor.name()};
}

// MySQL's MODIFY [COLUMN] def, and CHANGE [COLUMN] old def (a rename when the names differ).
std::vector<TableAction> read_modify(TokenCursor& cursor, bool change) {
  cursor.accept("COLUMN");
  const std::string old_name = change ? cursor.name() : "";
  const ColumnDef column = read_column_def(cursor);
  AlterColumnType type;
  type.column = column.name;
  type.type = column.type;
  type.enum_or_set = type.type.rfind("enum", 0) == 0 || type.type.rfind("set", 0) == 0;
  type.sets_not_null = column.not_null;
  type.reorders = reorders(cursor);
  if (change && old_name != column.name) {
    type.column = old_name;
    return {RenameColumn{old_name, column.name}, type};
  }
  return {type};
}

std::vector<TableAction> read_action(TokenCursor& cursor, Dialect dialect) {
  if (cursor.accept("ADD")) return {read_add(cursor, dialect)};
  if (cursor.accept("DROP")) return {read_drop(cursor)};
  if (cursor.accept("RENAME")) {
    if (cursor.is("INDEX") || cursor.is("KEY")) return {OtherAction{}};
    cursor.accept("COLUMN");
    const std::string from = cursor.name();
    cursor.accept("TO");
    return {RenameColumn{from, cursor.name()}};
  }
  if (dialect == Dialect::sqlite) {
    const std::string what = cursor.done() ? "do this" : cursor.peek().text;
    return {Unsupported{"do " + what + " (only RENAME, ADD COLUMN and DROP COLUMN)"}};
  }
  if (cursor.accept("MODIFY")) return read_modify(cursor, false);
  if (cursor.accept("CHANGE")) return read_modify(cursor, true);
  if (cursor.accept("CONVERT")) return {ConvertCharset{}};
  return {OtherAction{}};
}

}  // namespace

AlterTable read_alter_table(TokenCursor& cursor, std::string table, Dialect dialect) {
  AlterTable alter{std::move(table), {}, false};
  std::vector<std::size_t> bounds = cursor.top_level_commas();
  bounds.push_back(std::string::npos);
  std::size_t begin = cursor.position();
  for (std::size_t end : bounds) {
    TokenCursor clause = cursor.slice(begin, end);
    for (TableAction& action : read_action(clause, dialect)) alter.actions.push_back(action);
    begin = end + 1;
  }
  return alter;
}

}  // namespace forge::core::lint
