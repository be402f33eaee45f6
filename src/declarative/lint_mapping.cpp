#include "declarative/lint_mapping.hpp"

#include "declarative/inverse.hpp"
#include "util/strings.hpp"

namespace forge::declarative {

namespace lint = core::lint;

namespace {

lint::Position position_of(const Operation& operation) {
  const SourceLocation& at = origin_of(operation).location;
  return lint::Position{at.file, std::max(at.line, 1), std::max(at.column, 1)};
}

lint::ColumnDef column_def(const ColumnSpec& spec) {
  lint::ColumnDef column;
  column.name = spec.name;
  column.type = util::to_lower(to_string(spec.type));
  column.not_null = !spec.allow_null;
  column.primary_key = spec.primary_key;
  column.unique = spec.unique;
  column.references = spec.references.has_value();
  column.serial = spec.auto_increment;
  column.default_kind = spec.default_value ? lint::DefaultKind::constant : lint::DefaultKind::none;
  return column;
}

lint::ConstraintType constraint_type(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::unique:
      return lint::ConstraintType::unique;
    case ConstraintKind::primary_key:
      return lint::ConstraintType::primary_key;
    case ConstraintKind::foreign_key:
      return lint::ConstraintType::foreign_key;
    case ConstraintKind::check:
      break;
  }
  return lint::ConstraintType::check;
}

lint::StatementShape alter(const std::string& table, lint::TableAction action,
                           bool rebuilds = false) {
  return lint::AlterTable{table, {std::move(action)}, rebuilds};
}

lint::AlterColumnType change_of(const ChangeColumn& change) {
  lint::AlterColumnType type;
  type.column = change.column.name;
  type.type = util::to_lower(to_string(change.column.type));
  type.enum_or_set = change.column.type.kind == TypeKind::enumeration;
  type.sets_not_null = !change.column.allow_null;
  return type;
}

// The shape of every operation but `sql`.
lint::StatementShape shape_of(const Operation& operation, core::Dialect dialect) {
  const bool sqlite = dialect == core::Dialect::sqlite;
  if (const auto* op = std::get_if<CreateTable>(&operation)) {
    lint::CreateTable create{op->table, {}};
    for (const ColumnSpec& column : op->columns) create.columns.push_back(column_def(column));
    return create;
  }
  if (const auto* op = std::get_if<DropTable>(&operation)) return lint::DropTable{{op->table}};
  if (const auto* op = std::get_if<RenameTable>(&operation)) {
    return lint::RenameTable{op->from, op->to};
  }
  if (const auto* op = std::get_if<AddColumn>(&operation)) {
    return alter(op->table, lint::AddColumn{column_def(op->column), op->first || op->after});
  }
  if (const auto* op = std::get_if<RemoveColumn>(&operation)) {
    return alter(op->table, lint::DropColumn{op->column}, sqlite);
  }
  if (const auto* op = std::get_if<RenameColumn>(&operation)) {
    return alter(op->table, lint::RenameColumn{op->from, op->to});
  }
  if (const auto* op = std::get_if<ChangeColumn>(&operation)) {
    return alter(op->table, change_of(*op), sqlite);
  }
  if (const auto* op = std::get_if<AddIndex>(&operation)) {
    return lint::CreateIndex{op->table, op->name, op->unique, op->concurrently};
  }
  if (const auto* op = std::get_if<RemoveIndex>(&operation))
    return lint::DropIndex{op->name, false};
  if (const auto* op = std::get_if<AddConstraint>(&operation)) {
    lint::AddConstraint add{constraint_type(op->constraint.kind), op->constraint.name.value_or(""),
                            false, false};
    return alter(op->table, add, sqlite);
  }
  if (const auto* op = std::get_if<RemoveConstraint>(&operation)) {
    return alter(op->table, lint::DropConstraint{op->name}, sqlite);
  }
  return lint::OtherStatement{};
}

std::string raw_sql_for(const RawSql& sql, core::Dialect dialect) {
  if (auto found = sql.by_dialect.find(dialect); found != sql.by_dialect.end()) {
    return found->second;
  }
  return sql.any_dialect.value_or("");
}

// What an operation does to what, to compare a written down with the derived one.
std::string signature(const Operation& operation) {
  std::string text(operation_name(operation));
  std::visit(
      [&](const auto& op) {
        if constexpr (std::is_same_v<std::decay_t<decltype(op)>, RawSql>) return;
        if constexpr (!std::is_same_v<std::decay_t<decltype(op)>, RenameTable> &&
                      !std::is_same_v<std::decay_t<decltype(op)>, RawSql>) {
          text += " " + op.table;
        }
      },
      operation);
  if (const auto* op = std::get_if<AddColumn>(&operation)) text += "." + op->column.name;
  if (const auto* op = std::get_if<RemoveColumn>(&operation)) text += "." + op->column;
  if (const auto* op = std::get_if<RenameColumn>(&operation))
    text += "." + op->from + "->" + op->to;
  if (const auto* op = std::get_if<RenameTable>(&operation)) text += " " + op->from + "->" + op->to;
  return text;
}

std::string signatures(const std::vector<Operation>& operations) {
  std::vector<std::string> parts;
  for (const Operation& operation : operations) parts.push_back(signature(operation));
  return util::join(parts, ", ");
}

}  // namespace

lint::LintUnit lint_model(const DeclarativeUnit& unit, core::Dialect dialect,
                          const LintSqlReader& read_sql) {
  lint::LintUnit model;
  model.declarative = true;
  model.position = lint::Position{unit.file, 1, 1};
  model.has_down = unit.down.has_value() || !derive_down(unit.up).irreversible;
  model.down_mismatch = down_mismatch(unit);
  for (const Operation& operation : unit.up) {
    const lint::Position at = position_of(operation);
    if (const auto* sql = std::get_if<RawSql>(&operation)) {
      for (lint::LintStatement& statement : read_sql(raw_sql_for(*sql, dialect), at)) {
        model.statements.push_back(std::move(statement));
      }
      continue;
    }
    model.statements.push_back(lint::LintStatement{at, shape_of(operation, dialect), {}, {}});
  }
  return model;
}

std::string down_mismatch(const DeclarativeUnit& unit) {
  if (!unit.down) return "";
  const DerivedDown derived = derive_down(unit.up);
  if (derived.irreversible) return "";
  const std::string wanted = signatures(derived.operations);
  const std::string written = signatures(*unit.down);
  if (wanted == written) return "";
  return "it does [" + written + "], the inverse of the up is [" + wanted + "]";
}

}  // namespace forge::declarative
