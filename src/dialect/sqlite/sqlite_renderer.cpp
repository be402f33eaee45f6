#include "dialect/sqlite/sqlite_renderer.hpp"

#include <algorithm>
#include <stdexcept>

#include "dialect/render_checks.hpp"
#include "dialect/sql_writer.hpp"
#include "dialect/sqlite/sqlite_late_rebuild.hpp"
#include "dialect/sqlite/sqlite_rebuild.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

using namespace declarative;

namespace {

constexpr Dialect k_lite = Dialect::sqlite;
using Statements = std::vector<std::string>;

std::string name(const std::string& identifier) { return quote_name(identifier, k_lite); }

// sequelize's spellings, which SQLite keeps as written (pragma table_info shows them), so a
// table reads the same whichever tool made it. `rowid_alias`: an integer primary key column is
// declared exactly INTEGER, which makes it the table's rowid (and lets AUTOINCREMENT apply).
std::string type_sql(const TypeSpec& type, bool rowid_alias) {
  if (rowid_alias) return "INTEGER";
  if (type.is_unsigned) {
    TypeSpec plain = type;
    plain.is_unsigned = false;
    return type_sql(plain, false) + " UNSIGNED";
  }
  switch (type.kind) {
    case TypeKind::string:
      return "VARCHAR(" + std::to_string(type.length) + ")";
    case TypeKind::character:
      return "CHAR(" + std::to_string(type.length) + ")";
    case TypeKind::integer:
      return "INTEGER";
    case TypeKind::boolean:
      return "TINYINT(1)";
    case TypeKind::big_integer:
      return "BIGINT";
    case TypeKind::small_integer:
      return "SMALLINT";
    case TypeKind::floating:
      return "FLOAT";
    case TypeKind::double_precision:
      return "DOUBLE PRECISION";
    case TypeKind::decimal:
      return "DECIMAL(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case TypeKind::date_time:
      return "DATETIME";
    case TypeKind::date_only:
      return "DATE";
    case TypeKind::time:
      return "TIME";
    case TypeKind::uuid:
      return "UUID";
    case TypeKind::json:
      return "JSON";
    case TypeKind::jsonb:
      return "JSONB";
    case TypeKind::blob:
      return "BLOB";
    case TypeKind::native:
      return native_spelling(type, "sqlite");
    case TypeKind::text:
    case TypeKind::enumeration:  // no CHECK of the values: sequelize writes none either
      break;
  }
  return "TEXT";
}

std::string default_sql(const ColumnSpec& column) {
  const auto* value = std::get_if<Value>(&column.default_value.value());
  if (value && !std::holds_alternative<FunctionCall>(value->literal))
    return literal_sql(value->literal, k_lite);
  // NOW and {fn: NOW}: SQLite's own keywords (a function call would need parentheses).
  if (column.type.kind == TypeKind::date_only) return "CURRENT_DATE";
  if (column.type.kind == TypeKind::time) return "CURRENT_TIME";
  return "CURRENT_TIMESTAMP";
}

// Name, type, nullability and default: what changeColumn restates.
std::string column_core_sql(const ColumnSpec& column, bool rowid_alias) {
  std::string out = name(column.name) + " " + type_sql(column.type, rowid_alias);
  if (!column.allow_null && !rowid_alias) out += " NOT NULL";
  if (column.default_value) out += " DEFAULT " + default_sql(column);
  return out;
}

// An integer primary key becomes the rowid; so does a native integer type (INTEGER(11),
// BIGINT(20)) with autoIncrement, which sequelize declares INTEGER for AUTOINCREMENT's sake.
bool becomes_rowid(const ColumnSpec& column, bool is_primary_key) {
  return is_primary_key && (is_integer_kind(column.type.kind) ||
                            (column.type.kind == TypeKind::native && column.auto_increment));
}

std::string column_sql(const ColumnSpec& column) {
  const bool rowid_alias = becomes_rowid(column, column.primary_key);
  std::string out = column_core_sql(column, rowid_alias);
  if (column.primary_key)
    out += column.auto_increment ? " PRIMARY KEY AUTOINCREMENT" : " PRIMARY KEY";
  if (column.unique && !column.primary_key) out += " UNIQUE";
  if (column.references) out += " " + references_sql(column, k_lite);
  return out;
}

// changeColumn's new definition: the restated core, then the old definition's keys, collation
// and generation kept, with AUTOINCREMENT as the change says.
std::string changed_column_sql(const TableItem& old, const ColumnSpec& column) {
  std::vector<std::string> kept;
  bool is_primary_key = false;
  for (const ColumnClause& clause : old.column_clauses()) {
    const std::string& k = clause.keyword;
    if (k != "PRIMARY" && k != "UNIQUE" && k != "REFERENCES" && k != "COLLATE" &&
        k != "GENERATED" && k != "AS") {
      continue;
    }
    std::vector<Token> tokens = clause.tokens;
    if (k == "PRIMARY") {
      is_primary_key = true;
      tokens.erase(std::remove_if(tokens.begin(), tokens.end(),
                                  [](const Token& t) { return is_keyword(t, "AUTOINCREMENT"); }),
                   tokens.end());
      if (column.auto_increment) {
        tokens.push_back(Token{Token::Kind::space, " "});
        tokens.push_back(Token{Token::Kind::word, "AUTOINCREMENT"});
      }
    }
    kept.push_back(tokens_sql(tokens));
  }
  if (column.auto_increment && !is_primary_key) {
    refuse(column.origin.of("autoIncrement"),
           "autoIncrement needs column '" + column.name +
               "' to be its table's INTEGER PRIMARY KEY on SQLite, and it is not",
           "Leave out autoIncrement.");
  }
  kept.insert(kept.begin(), column_core_sql(column, becomes_rowid(column, is_primary_key)));
  return util::join(kept, " ");
}

// What ALTER TABLE ADD COLUMN refuses: keys, non-constant defaults, NOT NULL without a default.
bool add_needs_rebuild(const ColumnSpec& column) {
  const auto* value = column.default_value ? std::get_if<Value>(&*column.default_value) : nullptr;
  const bool constant_default = value && !value->is_null() && !is_expression(value->literal);
  const bool expression_default =
      column.default_value && !constant_default && !(value && value->is_null());
  return column.primary_key || column.unique || expression_default ||
         (!column.allow_null && !constant_default) || (column.references && constant_default);
}

// The operations' SQL, one overload per operation.
struct Writer {
  const SchemaReader& read_schema;

  Rebuild start(const std::string& table, const Origin& origin) const {
    if (!read_schema) throw std::logic_error("SqliteRenderer needs a SchemaReader to rebuild");
    return start_rebuild(table, read_schema(table), origin.of("table"));
  }

  Statements operator()(const CreateTable& op) const {
    std::vector<std::string> lines;
    for (const ColumnSpec& column : op.columns) lines.push_back(column_sql(column));
    for (const ConstraintSpec& constraint : op.constraints)
      lines.push_back(constraint_sql(constraint, k_lite));
    return {"CREATE TABLE " + name(op.table) + " (\n  " + util::join(lines, ",\n  ") + "\n)"};
  }
  Statements operator()(const DropTable& op) const { return {"DROP TABLE " + name(op.table)}; }
  Statements operator()(const RenameTable& op) const {
    return {"ALTER TABLE " + name(op.from) + " RENAME TO " + name(op.to)};
  }
  Statements operator()(const AddColumn& op) const {
    if (!add_needs_rebuild(op.column))
      return {"ALTER TABLE " + name(op.table) + " ADD COLUMN " + column_sql(op.column)};
    Rebuild rebuild = start(op.table, op.origin);
    add_column(rebuild, column_sql(op.column));
    return rebuild_statements(rebuild);
  }
  Statements operator()(const RemoveColumn& op) const {
    Rebuild rebuild = start(op.table, op.origin);
    remove_column(rebuild, op.column, op.origin.of("column"));
    return rebuild_statements(rebuild);
  }
  Statements operator()(const RenameColumn& op) const {
    return {"ALTER TABLE " + name(op.table) + " RENAME COLUMN " + name(op.from) + " TO " +
            name(op.to)};
  }
  Statements operator()(const ChangeColumn& op) const {
    Rebuild rebuild = start(op.table, op.origin);
    replace_column(
        rebuild, op.column.name,
        [&](const TableItem& old) { return changed_column_sql(old, op.column); },
        op.origin.of("column"));
    return rebuild_statements(rebuild);
  }
  Statements operator()(const AddIndex& op) const {
    std::string out = op.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    out += name(op.name) + " ON " + name(op.table) + " " + index_fields_sql(op.fields, k_lite);
    if (op.where) out += " WHERE " + where_sql(*op.where, k_lite);
    return {out};
  }
  Statements operator()(const RemoveIndex& op) const { return {"DROP INDEX " + name(op.name)}; }
  Statements operator()(const AddConstraint& op) const {
    Rebuild rebuild = start(op.table, op.origin);
    add_constraint(rebuild, constraint_sql(op.constraint, k_lite));
    return rebuild_statements(rebuild);
  }
  Statements operator()(const RemoveConstraint& op) const {
    Rebuild rebuild = start(op.table, op.origin);
    remove_constraint(rebuild, op.name, op.origin.of("name"));
    return rebuild_statements(rebuild);
  }
  Statements operator()(const BulkInsert& op) const { return insert_sql(op, k_lite); }
  Statements operator()(const BulkDelete& op) const { return {delete_sql(op, k_lite)}; }
  Statements operator()(const RawSql& op) const { return raw_sql_statements(op, k_lite); }
};

std::vector<RenderNote> column_notes(const ColumnSpec& column) {
  std::vector<RenderNote> notes;
  if (column.comment)
    notes.push_back(ignored(column.origin, "comment", k_lite, "SQLite has no column comments"));
  if (column.type.kind == TypeKind::jsonb)
    notes.push_back(RenderNote{column.type.location, "JSONB is stored as text on sqlite"});
  return notes;
}

void check_index(const AddIndex& op, std::vector<RenderNote>& notes) {
  for (const IndexField& field : op.fields) {
    if (field.length) {
      refuse(field.location, "SQLite indexes take no prefix length",
             "Leave out length (MySQL-only).");
    }
  }
  if (op.concurrently) {
    refuse(op.origin.of("concurrently"), "concurrently is PostgreSQL-only",
           "Leave it out: SQLite builds an index inside the unit's transaction.");
  }
  if (!op.method) return;
  if (*op.method != IndexMethod::btree) {
    refuse(op.origin.of("using"),
           "SQLite indexes are B-trees; it has no " + std::string(index_method_name(*op.method)) +
               " index",
           "Leave out using.");
  }
  notes.push_back(ignored(op.origin, "using", k_lite, "every SQLite index is a B-tree"));
}

std::vector<RenderNote> check_add_column(const AddColumn& op) {
  std::vector<RenderNote> notes = column_notes(op.column);
  if (op.column.auto_increment && !op.column.primary_key) {
    refuse(op.column.origin.of("autoIncrement"),
           "SQLite gives autoIncrement only to the INTEGER PRIMARY KEY; column '" + op.column.name +
               "' is not one",
           "Add primaryKey: true, or leave out autoIncrement.");
  }
  for (const char* option : {"after", "first"}) {
    if (op.origin.has(option))
      notes.push_back(ignored(op.origin, option, k_lite, "SQLite adds columns at the end"));
  }
  return notes;
}

}  // namespace

SqliteRenderer::SqliteRenderer(SchemaReader read_schema) : m_read_schema(std::move(read_schema)) {}

std::vector<RenderNote> SqliteRenderer::check(const Operation& operation) const {
  check_text(operation, k_lite);
  std::vector<RenderNote> notes;
  if (const auto* op = std::get_if<CreateTable>(&operation)) {
    for (const ColumnSpec& column : op->columns)
      for (RenderNote& note : column_notes(column)) notes.push_back(std::move(note));
  } else if (const auto* op = std::get_if<AddColumn>(&operation)) {
    notes = check_add_column(*op);
  } else if (const auto* op = std::get_if<ChangeColumn>(&operation)) {
    check_change_column_keys(*op);
    notes = column_notes(op->column);
  } else if (const auto* op = std::get_if<AddIndex>(&operation)) {
    check_index(*op, notes);
  } else if (const auto* op = std::get_if<RawSql>(&operation)) {
    check_raw_sql(*op, k_lite);
  }
  return notes;
}

std::vector<std::string> SqliteRenderer::render(const Operation& operation) const {
  check(operation);
  return std::visit(Writer{m_read_schema}, operation);
}

bool SqliteRenderer::needs_schema(const Operation& operation) const {
  if (const auto* add = std::get_if<AddColumn>(&operation)) return add_needs_rebuild(add->column);
  return std::holds_alternative<RemoveColumn>(operation) ||
         std::holds_alternative<ChangeColumn>(operation) ||
         std::holds_alternative<AddConstraint>(operation) ||
         std::holds_alternative<RemoveConstraint>(operation);
}

}  // namespace forge::dialect::sqlite

namespace forge::dialect::sqlite {

std::shared_ptr<const core::LateSql> SqliteRenderer::render_later(
    const declarative::Operation& operation) const {
  if (!needs_schema(operation)) return nullptr;
  check(operation);
  return late_rebuild(operation);
}

}  // namespace forge::dialect::sqlite
