#include "dialect/mysql/mysql_renderer.hpp"

#include "dialect/mysql/mysql_constraint_drop.hpp"
#include "dialect/render_checks.hpp"
#include "dialect/sql_writer.hpp"
#include "util/strings.hpp"

namespace forge::dialect::mysql {

using namespace declarative;

namespace {

constexpr Dialect k_my = Dialect::mysql;
using Statements = std::vector<std::string>;

std::string name(const std::string& identifier) { return quote_name(identifier, k_my); }

std::string enum_sql(const TypeSpec& type) {
  std::vector<std::string> values;
  for (const std::string& value : type.values) values.push_back(quote_text(value, k_my));
  return "ENUM(" + util::join(values, ", ") + ")";
}

std::string type_sql(const TypeSpec& type) {
  if (type.is_unsigned) {
    TypeSpec plain = type;
    plain.is_unsigned = false;
    return type_sql(plain) + " UNSIGNED";
  }
  switch (type.kind) {
    case TypeKind::string:
      return "VARCHAR(" + std::to_string(type.length) + ")";
    case TypeKind::character:
      return "CHAR(" + std::to_string(type.length) + ")";
    case TypeKind::text:
      return "TEXT";  // sequelize's TEXT, 64 KB on MySQL (TEXT('long') is not portable)
    case TypeKind::integer:
      return "INT";
    case TypeKind::big_integer:
      return "BIGINT";
    case TypeKind::small_integer:
      return "SMALLINT";
    case TypeKind::floating:
      return "FLOAT";
    case TypeKind::double_precision:
      return "DOUBLE";
    case TypeKind::decimal:
      return "DECIMAL(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case TypeKind::boolean:
      return "BOOLEAN";
    case TypeKind::date_time:
      return "DATETIME";  // sequelize's DATE: whole seconds
    case TypeKind::date_only:
      return "DATE";
    case TypeKind::time:
      return "TIME";
    case TypeKind::uuid:
      return "CHAR(36) BINARY";  // sequelize's UUID: compared byte for byte
    case TypeKind::json:
    case TypeKind::jsonb:
      return "JSON";
    case TypeKind::blob:
      return "BLOB";
    case TypeKind::enumeration:
      return enum_sql(type);
    case TypeKind::native:
      return native_spelling(type, "mysql");
  }
  return "TEXT";
}

// TEXT, BLOB and JSON columns take only expression defaults, written in parentheses.
bool needs_expression_default(TypeKind kind) {
  return kind == TypeKind::text || kind == TypeKind::blob || kind == TypeKind::json ||
         kind == TypeKind::jsonb;
}

std::string default_sql(const ColumnSpec& column) {
  const TypeKind kind = column.type.kind;
  const auto* value = std::get_if<Value>(&column.default_value.value());
  const bool function = value && std::holds_alternative<FunctionCall>(value->literal);
  if (value && !function) {
    const std::string literal = literal_sql(value->literal, k_my);
    const bool constant = !value->is_null() && !is_expression(value->literal);
    return needs_expression_default(kind) && constant ? "(" + literal + ")" : literal;
  }
  // NOW and {fn: NOW}: a DATE or TIME column takes only an expression default.
  if (kind == TypeKind::date_only) return "(CURRENT_DATE)";
  if (kind == TypeKind::time) return "(CURRENT_TIME)";
  return function ? literal_sql(value->literal, k_my) : "CURRENT_TIMESTAMP";
}

std::string column_sql(const ColumnSpec& column) {
  std::string out = name(column.name) + " " + type_sql(column.type);
  if (!column.allow_null && !column.primary_key) out += " NOT NULL";
  if (column.default_value) out += " DEFAULT " + default_sql(column);
  if (column.auto_increment) out += " AUTO_INCREMENT";
  if (column.primary_key) out += " PRIMARY KEY";
  if (column.unique && !column.primary_key) out += " UNIQUE";
  if (column.comment) out += " COMMENT " + quote_text(*column.comment, k_my);
  return out;
}

std::string position_sql(const AddColumn& op) {
  if (op.first) return " FIRST";
  if (op.after) return " AFTER " + name(*op.after);
  return "";
}

// sequelize's name for the key addColumn adds (InnoDB names its backing index the same).
std::string added_foreign_key_name(const std::string& table, const ColumnSpec& column) {
  return table + "_" + column.name + "_foreign_idx";
}

std::string added_foreign_key_sql(const std::string& table, const ColumnSpec& column) {
  return "CONSTRAINT " + name(added_foreign_key_name(table, column)) + " " +
         column_foreign_key_sql(column, k_my);
}

// The operations' SQL, one overload per operation.
struct Writer {
  // Foreign keys get no index of their own: InnoDB makes the one a key needs, as it does for
  // sequelize's tables, so both tools leave the same indexes.
  Statements operator()(const CreateTable& op) const {
    std::vector<std::string> lines;
    for (const ColumnSpec& column : op.columns) lines.push_back(column_sql(column));
    for (const ColumnSpec& column : op.columns)
      if (column.references) lines.push_back(column_foreign_key_sql(column, k_my));
    for (const ConstraintSpec& constraint : op.constraints)
      lines.push_back(constraint_sql(constraint, k_my));
    return {"CREATE TABLE " + name(op.table) + " (\n  " + util::join(lines, ",\n  ") + "\n)"};
  }
  Statements operator()(const DropTable& op) const { return {"DROP TABLE " + name(op.table)}; }
  Statements operator()(const RenameTable& op) const {
    return {"ALTER TABLE " + name(op.from) + " RENAME TO " + name(op.to)};
  }
  Statements operator()(const AddColumn& op) const {
    std::string out =
        "ALTER TABLE " + name(op.table) + " ADD COLUMN " + column_sql(op.column) + position_sql(op);
    if (op.column.references) out += ", ADD " + added_foreign_key_sql(op.table, op.column);
    return {out};
  }
  Statements operator()(const RemoveColumn& op) const {
    return {"ALTER TABLE " + name(op.table) + " DROP COLUMN " + name(op.column)};
  }
  Statements operator()(const RenameColumn& op) const {
    return {"ALTER TABLE " + name(op.table) + " RENAME COLUMN " + name(op.from) + " TO " +
            name(op.to)};
  }
  Statements operator()(const ChangeColumn& op) const {
    return {"ALTER TABLE " + name(op.table) + " MODIFY COLUMN " + column_sql(op.column)};
  }
  Statements operator()(const AddIndex& op) const {
    std::string out = op.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    out += name(op.name) + " ON " + name(op.table) + " " + index_fields_sql(op.fields, k_my);
    if (op.method) out += " USING " + std::string(index_method_name(*op.method));
    return {out};
  }
  Statements operator()(const RemoveIndex& op) const {
    return {"DROP INDEX " + name(op.name) + " ON " + name(op.table)};
  }
  Statements operator()(const AddConstraint& op) const {
    const ConstraintSpec& constraint = op.constraint;
    return {"ALTER TABLE " + name(op.table) + " ADD " + constraint_sql(constraint, k_my)};
  }
  Statements operator()(const RemoveConstraint& op) const {
    return {"ALTER TABLE " + name(op.table) + " DROP CONSTRAINT " + name(op.name)};
  }
  Statements operator()(const BulkInsert& op) const { return insert_sql(op, k_my); }
  Statements operator()(const BulkDelete& op) const { return {delete_sql(op, k_my)}; }
  Statements operator()(const RawSql& op) const { return raw_sql_statements(op, k_my); }
};

void check_index(const AddIndex& op) {
  if (op.where) {
    refuse(op.origin.of("where"), "MySQL has no partial indexes (where)",
           "Leave out where, or give MySQL its own unit variant (<version>-<name>.mysql.yaml).");
  }
  if (op.concurrently) {
    refuse(op.origin.of("concurrently"), "concurrently is PostgreSQL-only",
           "Leave it out: MySQL (InnoDB) builds indexes without blocking writes by default.");
  }
  if (op.method && *op.method != IndexMethod::btree && *op.method != IndexMethod::hash) {
    refuse(op.origin.of("using"),
           "MySQL indexes use BTREE or HASH, not " + std::string(index_method_name(*op.method)),
           "Write using: BTREE or HASH, or leave using out.");
  }
}

std::size_t count_characters(const std::string& utf8) {
  std::size_t count = 0;
  for (char c : utf8) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

void check_action(const Origin& origin, const std::optional<ReferentialAction>& action,
                  const char* option) {
  if (action == ReferentialAction::set_default) {
    refuse(origin.of(option), std::string(option) + ": SET DEFAULT is refused by InnoDB",
           "Use RESTRICT, CASCADE, SET NULL or NO ACTION.");
  }
}

std::vector<RenderNote> check_column(const ColumnSpec& column) {
  check_action(column.origin, column.on_delete, "onDelete");
  check_action(column.origin, column.on_update, "onUpdate");
  for (const std::string& value : column.type.values) {
    if (count_characters(value) > 255) {
      refuse(column.type.location,
             "ENUM value '" + value.substr(0, 20) + "...' is longer than MySQL's 255 characters",
             "Shorten the value.");
    }
  }
  if (column.type.kind != TypeKind::jsonb) return {};
  return {RenderNote{column.type.location, "JSONB is stored as JSON on mysql"}};
}

std::vector<RenderNote> check_columns(const std::vector<ColumnSpec>& columns) {
  std::vector<RenderNote> notes;
  for (const ColumnSpec& column : columns) {
    for (RenderNote& note : check_column(column)) notes.push_back(std::move(note));
  }
  return notes;
}

void check_auto_increment_key(const ColumnSpec& column) {
  if (column.auto_increment && !column.primary_key && !column.unique) {
    refuse(column.origin.of("autoIncrement"),
           "MySQL needs an autoIncrement column to be a key; column '" + column.name +
               "' is neither primaryKey nor unique",
           "Add primaryKey: true or unique: true.");
  }
}

void check_added_foreign_key_name(const AddColumn& op) {
  if (!op.column.references) return;
  const std::string key = added_foreign_key_name(op.table, op.column);
  if (count_characters(key) > 64) {
    refuse(op.column.origin.of("references"),
           "the foreign key's name '" + key + "' is longer than MySQL's 64 characters",
           "Add the column without references, then add the key with addConstraint and a "
           "shorter name.");
  }
}

}  // namespace

std::vector<RenderNote> MysqlRenderer::check(const Operation& operation) const {
  check_text(operation, k_my);
  if (const auto* op = std::get_if<CreateTable>(&operation)) {
    for (const ConstraintSpec& constraint : op->constraints) {
      check_action(constraint.origin, constraint.on_delete, "onDelete");
      check_action(constraint.origin, constraint.on_update, "onUpdate");
    }
    return check_columns(op->columns);
  }
  if (const auto* op = std::get_if<AddColumn>(&operation)) {
    check_auto_increment_key(op->column);
    check_added_foreign_key_name(*op);
    return check_columns({op->column});
  }
  if (const auto* op = std::get_if<ChangeColumn>(&operation)) {
    check_change_column_keys(*op);
    return check_columns({op->column});
  }
  if (const auto* op = std::get_if<AddConstraint>(&operation)) {
    check_action(op->constraint.origin, op->constraint.on_delete, "onDelete");
    check_action(op->constraint.origin, op->constraint.on_update, "onUpdate");
  } else if (const auto* op = std::get_if<AddIndex>(&operation)) {
    check_index(*op);
  } else if (const auto* op = std::get_if<RawSql>(&operation)) {
    check_raw_sql(*op, k_my);
  }
  return {};
}

std::vector<std::string> MysqlRenderer::render(const Operation& operation) const {
  check(operation);
  return std::visit(Writer{}, operation);
}

std::shared_ptr<const core::LateSql> MysqlRenderer::render_later(
    const declarative::Operation& operation) const {
  const auto* remove = std::get_if<declarative::RemoveConstraint>(&operation);
  if (remove == nullptr) return nullptr;
  check(operation);
  return late_constraint_drop(*remove);
}

}  // namespace forge::dialect::mysql
