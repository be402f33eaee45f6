// Column definitions and ALTER TABLE actions, as MySQL and SQLite write them.
#include "core/lint/sql_classifier.hpp"
#include "util/strings.hpp"

namespace forge::core::lint {

namespace {

bool ends_type(const TokenCursor& cursor) {
  if (cursor.is_symbol(",") || cursor.is_symbol(")") || cursor.done()) return true;
  for (const char* word : {"NOT",        "NULL",           "DEFAULT",       "PRIMARY",   "UNIQUE",
                           "REFERENCES", "AUTO_INCREMENT", "AUTOINCREMENT", "CHECK",     "COMMENT",
                           "COLLATE",    "CONSTRAINT",     "GENERATED",     "AS",        "ON",
                           "FIRST",      "AFTER",          "KEY",           "CHARACTER", "CHARSET",
                           "INVISIBLE",  "VISIBLE"}) {
    if (cursor.is(word)) return true;
  }
  return false;
}

std::string read_type(TokenCursor& cursor) {
  std::string type;
  while (!ends_type(cursor)) {
    const Token& token = cursor.next();
    const std::string text =
        token.kind == TokenKind::string ? "'" + token.text + "'" : util::to_lower(token.text);
    const bool joined = type.empty() || text == "(" || text == ")" || text == "," ||
                        type.back() == '(' || type.back() == ',';
    type += (joined ? "" : " ") + text;
  }
  return type;
}

DefaultKind read_default(TokenCursor& cursor) {
  if (cursor.is_symbol("(")) {
    cursor.skip_parens();
    return DefaultKind::volatile_value;
  }
  const Token& token = cursor.next();
  if (token.kind == TokenKind::word && token.text != "NULL" && token.text != "TRUE" &&
      token.text != "FALSE") {
    if (cursor.is_symbol("(")) cursor.skip_parens();
    return DefaultKind::volatile_value;
  }
  if (token.kind == TokenKind::symbol && (token.text == "-" || token.text == "+")) cursor.next();
  return token.text == "NULL" ? DefaultKind::none : DefaultKind::constant;
}

void read_column_constraint(TokenCursor& cursor, ColumnDef& column) {
  if (cursor.accept_all({"NOT", "NULL"})) {
    column.not_null = true;
  } else if (cursor.accept_all({"PRIMARY", "KEY"})) {
    column.primary_key = true;
  } else if (cursor.accept("UNIQUE")) {
    column.unique = true;
  } else if (cursor.accept("REFERENCES")) {
    column.references = true;
    cursor.name();
    cursor.skip_parens();
  } else if (cursor.accept("AUTO_INCREMENT") || cursor.accept("AUTOINCREMENT")) {
    column.serial = true;
  } else if (cursor.accept("DEFAULT")) {
    column.default_kind = read_default(cursor);
  } else if (cursor.is_symbol("(")) {
    cursor.skip_parens();
  } else {
    cursor.next();
  }
}

}  // namespace

ColumnDef read_column_def(TokenCursor& cursor) {
  ColumnDef column;
  column.name = cursor.name();
  column.type = read_type(cursor);
  column.serial = column.type.find("serial") != std::string::npos;
  while (!cursor.done() && !cursor.is_symbol(",") && !cursor.is_symbol(")")) {
    if (cursor.is("FIRST") || cursor.is("AFTER")) break;
    read_column_constraint(cursor, column);
  }
  return column;
}

}  // namespace forge::core::lint
