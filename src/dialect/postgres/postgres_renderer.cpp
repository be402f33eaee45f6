#include "dialect/postgres/postgres_renderer.hpp"

#include "dialect/postgres/postgres_enum_sql.hpp"
#include "dialect/render_checks.hpp"
#include "dialect/sql_writer.hpp"
#include "util/strings.hpp"

namespace forge::dialect::postgres {

using namespace declarative;

namespace {

constexpr Dialect k_pg = Dialect::postgres;
using Statements = std::vector<std::string>;

std::string name(const std::string& identifier) { return quote_name(identifier, k_pg); }

std::string type_sql(const std::string& table, const ColumnSpec& column) {
  const TypeSpec& type = column.type;
  switch (type.kind) {
    case TypeKind::string:
      return "VARCHAR(" + std::to_string(type.length) + ")";
    case TypeKind::character:
      return "CHAR(" + std::to_string(type.length) + ")";
    case TypeKind::text:
      return "TEXT";
    case TypeKind::integer:
      return "INTEGER";
    case TypeKind::big_integer:
      return "BIGINT";
    case TypeKind::small_integer:
      return "SMALLINT";
    case TypeKind::floating:
      return "FLOAT";  // sequelize's FLOAT: PostgreSQL reads it as DOUBLE PRECISION
    case TypeKind::double_precision:
      return "DOUBLE PRECISION";
    case TypeKind::decimal:
      return "NUMERIC(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case TypeKind::boolean:
      return "BOOLEAN";
    case TypeKind::date_time:
      return "TIMESTAMPTZ";
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
      return "BYTEA";
    case TypeKind::enumeration:
      return name(enum_type_name(table, column.name));
    case TypeKind::native:
      return native_spelling(type, "postgres");
  }
  return "TEXT";
}

// sequelize's autoIncrement: a serial type (a sequence the column owns), not an identity.
std::string serial_sql(TypeKind kind) {
  if (kind == TypeKind::big_integer) return "BIGSERIAL";
  if (kind == TypeKind::small_integer) return "SMALLSERIAL";
  return "SERIAL";
}

std::string default_sql(const ColumnSpec& column) {
  if (const auto* value = std::get_if<Value>(&column.default_value.value()))
    return literal_sql(value->literal, k_pg);
  if (column.type.kind == TypeKind::date_only) return "CURRENT_DATE";
  if (column.type.kind == TypeKind::time) return "LOCALTIME";
  return "CURRENT_TIMESTAMP";
}

std::string column_sql(const std::string& table, const ColumnSpec& column) {
  const std::string type =
      column.auto_increment ? serial_sql(column.type.kind) : type_sql(table, column);
  std::string out = name(column.name) + " " + type;
  if (!column.allow_null && !column.primary_key && !column.auto_increment) out += " NOT NULL";
  if (column.default_value) out += " DEFAULT " + default_sql(column);
  if (column.primary_key) out += " PRIMARY KEY";
  if (column.unique && !column.primary_key) out += " UNIQUE";
  if (column.references) out += " " + references_sql(column, k_pg);
  return out;
}

std::string comment_sql(const std::string& table, const ColumnSpec& column) {
  return "COMMENT ON COLUMN " + name(table) + "." + name(column.name) + " IS " +
         quote_text(*column.comment, k_pg);
}

std::string alter_column(const std::string& table, const std::string& column) {
  return "ALTER TABLE " + name(table) + " ALTER COLUMN " + name(column) + " ";
}

// The operations' SQL, one overload per operation.
struct Writer {
  Statements operator()(const CreateTable& op) const {
    Statements out;
    std::vector<std::string> lines;
    for (const ColumnSpec& column : op.columns) {
      if (column.type.kind == TypeKind::enumeration)
        out.push_back(
            create_enum_type_sql(enum_type_name(op.table, column.name), column.type.values));
      lines.push_back(column_sql(op.table, column));
    }
    for (const ConstraintSpec& constraint : op.constraints)
      lines.push_back(constraint_sql(constraint, k_pg));
    out.push_back("CREATE TABLE " + name(op.table) + " (\n  " + util::join(lines, ",\n  ") + "\n)");
    for (const ColumnSpec& column : op.columns)
      if (column.comment) out.push_back(comment_sql(op.table, column));
    return out;
  }
  Statements operator()(const DropTable& op) const {
    return {drop_table_with_enum_types_sql(op.table)};
  }
  Statements operator()(const RenameTable& op) const {
    return {"ALTER TABLE " + name(op.from) + " RENAME TO " + name(op.to),
            rename_table_enum_types_sql(op.from, op.to)};
  }
  Statements operator()(const AddColumn& op) const {
    Statements out;
    const ColumnSpec& column = op.column;
    if (column.type.kind == TypeKind::enumeration)
      out.push_back(
          create_enum_type_sql(enum_type_name(op.table, column.name), column.type.values));
    out.push_back("ALTER TABLE " + name(op.table) + " ADD COLUMN " + column_sql(op.table, column));
    if (column.comment) out.push_back(comment_sql(op.table, column));
    return out;
  }
  Statements operator()(const RemoveColumn& op) const {
    return {"ALTER TABLE " + name(op.table) + " DROP COLUMN " + name(op.column),
            drop_unused_enum_type_sql(enum_type_name(op.table, op.column))};
  }
  Statements operator()(const RenameColumn& op) const {
    return {
        "ALTER TABLE " + name(op.table) + " RENAME COLUMN " + name(op.from) + " TO " + name(op.to),
        rename_column_enum_type_sql(op.table, op.from, op.to)};
  }
  Statements operator()(const ChangeColumn& op) const;
  Statements operator()(const AddIndex& op) const {
    std::string out = op.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    if (op.concurrently) out += "CONCURRENTLY ";
    out += name(op.name) + " ON " + name(op.table);
    if (op.method) out += " USING " + std::string(index_method_name(*op.method));
    out += " " + index_fields_sql(op.fields, k_pg);
    if (op.where) out += " WHERE " + where_sql(*op.where, k_pg);
    return {out};
  }
  Statements operator()(const RemoveIndex& op) const { return {"DROP INDEX " + name(op.name)}; }
  Statements operator()(const AddConstraint& op) const {
    return {"ALTER TABLE " + name(op.table) + " ADD " + constraint_sql(op.constraint, k_pg)};
  }
  Statements operator()(const RemoveConstraint& op) const {
    return {"ALTER TABLE " + name(op.table) + " DROP CONSTRAINT " + name(op.name)};
  }
  Statements operator()(const BulkInsert& op) const { return insert_sql(op, k_pg); }
  Statements operator()(const BulkDelete& op) const { return {delete_sql(op, k_pg)}; }
  Statements operator()(const RawSql& op) const { return raw_sql_statements(op, k_pg); }
};

// changeColumn restates type, nullability, default, autoIncrement and comment. The old default goes
// first (it may not cast to the new type); an ENUM gets a fresh type, swapped in under the
// column's type name once the old one is gone.
Statements Writer::operator()(const ChangeColumn& op) const {
  const ColumnSpec& column = op.column;
  const std::string alter = alter_column(op.table, column.name);
  const std::string type_name = enum_type_name(op.table, column.name);
  const bool is_enum = column.type.kind == TypeKind::enumeration;
  const std::string new_type =
      is_enum ? name(type_name + "__forge_new") : type_sql(op.table, column);
  Statements out;
  if (!column.auto_increment) {
    out.push_back(alter + "DROP IDENTITY IF EXISTS");
    out.push_back(alter + "DROP DEFAULT");
  }
  if (is_enum) out.push_back(create_enum_type_sql(type_name + "__forge_new", column.type.values));
  out.push_back(alter + "TYPE " + new_type + " USING " + name(column.name) +
                (is_enum ? "::text::" : "::") + new_type);
  out.push_back(drop_unused_enum_type_sql(type_name));
  if (is_enum) out.push_back("ALTER TYPE " + new_type + " RENAME TO " + name(type_name));
  if (column.auto_increment) {
    out.push_back(ensure_serial_sql(op.table, column.name));
  } else {
    out.push_back(alter + (column.allow_null ? "DROP NOT NULL" : "SET NOT NULL"));
    if (column.default_value) out.push_back(alter + "SET DEFAULT " + default_sql(column));
  }
  if (column.comment) out.push_back(comment_sql(op.table, column));
  return out;
}

void check_enum_labels(const ColumnSpec& column) {
  if (column.type.kind != TypeKind::enumeration) return;
  for (const std::string& value : column.type.values) {
    if (value.size() > 63) {
      refuse(column.type.location,
             "ENUM value '" + value + "' is longer than PostgreSQL's 63 bytes",
             "Shorten the value: PostgreSQL enum labels hold at most 63 bytes.");
    }
  }
}

void check_index(const AddIndex& op) {
  for (const IndexField& field : op.fields) {
    if (field.length) {
      refuse(field.location, "PostgreSQL indexes take no prefix length",
             "Leave out length (MySQL-only), or index an expression with an sql operation.");
    }
  }
  if (!op.method || *op.method == IndexMethod::btree) return;
  const std::string method(index_method_name(*op.method));
  if (op.unique) {
    refuse(op.origin.of("using"), "PostgreSQL builds unique indexes only with BTREE, not " + method,
           "Leave out using, or unique.");
  }
  for (const IndexField& field : op.fields) {
    if (field.order) {
      refuse(field.location, "PostgreSQL sorts only BTREE indexes; this one uses " + method,
             "Leave out order, or using.");
    }
  }
  if (*op.method == IndexMethod::hash && op.fields.size() > 1) {
    refuse(op.origin.of("fields"), "PostgreSQL HASH indexes take one column",
           "Index one column, or leave out using: HASH.");
  }
}

std::vector<RenderNote> check_add_column(const AddColumn& op) {
  std::vector<RenderNote> notes;
  for (const char* option : {"after", "first"}) {
    if (op.origin.has(option))
      notes.push_back(ignored(op.origin, option, k_pg, "PostgreSQL adds columns at the end"));
  }
  return notes;
}

}  // namespace

std::vector<RenderNote> PostgresRenderer::check(const Operation& operation) const {
  check_text(operation, k_pg);
  if (const auto* op = std::get_if<CreateTable>(&operation)) {
    for (const ColumnSpec& column : op->columns) check_enum_labels(column);
  } else if (const auto* op = std::get_if<AddColumn>(&operation)) {
    check_enum_labels(op->column);
    return check_add_column(*op);
  } else if (const auto* op = std::get_if<ChangeColumn>(&operation)) {
    check_change_column_keys(*op);
    check_enum_labels(op->column);
  } else if (const auto* op = std::get_if<AddIndex>(&operation)) {
    check_index(*op);
  } else if (const auto* op = std::get_if<RawSql>(&operation)) {
    check_raw_sql(*op, k_pg);
  }
  return {};
}

std::vector<std::string> PostgresRenderer::render(const Operation& operation) const {
  check(operation);
  return std::visit(Writer{}, operation);
}

bool PostgresRenderer::needs_no_transaction(const Operation& operation) const {
  const auto* index = std::get_if<AddIndex>(&operation);
  return index && index->concurrently;
}

}  // namespace forge::dialect::postgres
