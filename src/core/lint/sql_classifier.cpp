// MySQL and SQLite statements, recognised from their leading keywords.
#include "core/lint/sql_classifier.hpp"

namespace forge::core::lint {

namespace {

std::vector<std::string> name_list(TokenCursor& cursor) {
  std::vector<std::string> names;
  while (!cursor.done()) {
    names.push_back(cursor.name());
    if (!cursor.is_symbol(",")) break;
    cursor.next();
  }
  return names;
}

StatementShape read_create_table(TokenCursor& cursor) {
  cursor.accept_all({"IF", "NOT", "EXISTS"});
  CreateTable create{cursor.name(), {}};
  if (!cursor.is_symbol("(")) return create;  // CREATE TABLE ... AS SELECT / LIKE
  cursor.next();
  while (!cursor.done() && !cursor.is_symbol(")")) {
    const bool constraint = cursor.is("CONSTRAINT") || cursor.is("PRIMARY") ||
                            cursor.is("UNIQUE") || cursor.is("FOREIGN") || cursor.is("CHECK") ||
                            cursor.is("KEY") || cursor.is("INDEX") || cursor.is("FULLTEXT");
    if (constraint) {
      cursor.skip_to_comma();
    } else {
      create.columns.push_back(read_column_def(cursor));
      cursor.skip_to_comma();
    }
    if (cursor.is_symbol(",")) cursor.next();
  }
  return create;
}

StatementShape read_create(TokenCursor& cursor) {
  cursor.accept("TEMPORARY");
  cursor.accept("TEMP");
  if (cursor.accept("TABLE")) return read_create_table(cursor);
  CreateIndex index;
  index.unique = cursor.accept("UNIQUE");
  cursor.accept("FULLTEXT");
  cursor.accept("SPATIAL");
  if (!cursor.accept("INDEX")) return OtherStatement{};
  cursor.accept_all({"IF", "NOT", "EXISTS"});
  index.name = cursor.name();
  if (cursor.accept("ON")) index.table = cursor.name();
  return index;
}

StatementShape read_drop(TokenCursor& cursor) {
  cursor.accept("TEMPORARY");
  if (cursor.accept("TABLE")) {
    cursor.accept_all({"IF", "EXISTS"});
    return DropTable{name_list(cursor)};
  }
  if (cursor.accept("INDEX")) {
    cursor.accept_all({"IF", "EXISTS"});
    return DropIndex{cursor.name(), false};
  }
  for (const char* kind : {"SCHEMA", "DATABASE"}) {
    if (!cursor.accept(kind)) continue;
    cursor.accept_all({"IF", "EXISTS"});
    return DropNamespace{kind[0] == 'S' ? "schema" : "database", cursor.name()};
  }
  return OtherStatement{};
}

StatementShape read_alter(TokenCursor& cursor, Dialect dialect) {
  cursor.accept("ONLINE");
  cursor.accept("IGNORE");
  if (!cursor.accept("TABLE")) return OtherStatement{};
  cursor.accept_all({"IF", "EXISTS"});
  const std::string table = cursor.name();
  const bool rename = cursor.is("RENAME") && (cursor.is("TO", 1) || cursor.is("AS", 1));
  if (rename && cursor.top_level_commas().empty()) {
    cursor.next();
    cursor.next();
    return RenameTable{table, cursor.name()};
  }
  return read_alter_table(cursor, table, dialect);
}

StatementShape read_set(TokenCursor& cursor) {
  cursor.accept("SESSION");
  cursor.accept("LOCAL");
  if (cursor.is_symbol("@")) cursor.next();
  const Token& variable = cursor.next();
  if (variable.text == "LOCK_WAIT_TIMEOUT" || variable.text == "INNODB_LOCK_WAIT_TIMEOUT" ||
      variable.text == "LOCK_TIMEOUT") {
    return SetLockTimeout{};
  }
  return OtherStatement{};
}

}  // namespace

StatementShape classify_sql(std::string_view statement, Dialect dialect) {
  const std::vector<Token> tokens = tokenize(statement, dialect);
  TokenCursor cursor(tokens);
  if (cursor.accept("CREATE")) return read_create(cursor);
  if (cursor.accept("DROP")) return read_drop(cursor);
  if (cursor.accept("ALTER")) return read_alter(cursor, dialect);
  if (cursor.accept("TRUNCATE")) {
    cursor.accept("TABLE");
    return Truncate{name_list(cursor), false};
  }
  if (cursor.accept_all({"RENAME", "TABLE"})) {
    const std::string from = cursor.name();
    cursor.accept("TO");
    return RenameTable{from, cursor.name()};
  }
  if (cursor.accept("SET")) return read_set(cursor);
  if (cursor.is("BEGIN") || (cursor.is("START") && cursor.is("TRANSACTION", 1))) return Begin{};
  if (cursor.is("COMMIT") || cursor.is("END") || cursor.is("ROLLBACK")) return Commit{};
  return OtherStatement{};
}

}  // namespace forge::core::lint
