#include "dialect/render_checks.hpp"

#include <algorithm>
#include <functional>
#include <type_traits>

#include "core/errors.hpp"
#include "dialect/sql_writer.hpp"

namespace forge::dialect {

using namespace declarative;

namespace {

enum class TextKind { name, value };
using TextVisitor = std::function<void(const std::string&, const SourceLocation&, TextKind)>;

void visit_value(const Value& value, const TextVisitor& visit) {
  if (const auto* text = std::get_if<std::string>(&value.literal))
    visit(*text, value.location, TextKind::value);
  if (const auto* raw = std::get_if<RawExpression>(&value.literal))
    visit(raw->sql, value.location, TextKind::value);
}

void visit_where(const Where& where, const TextVisitor& visit) {
  for (const Condition& condition : where.conditions) {
    visit(condition.column, condition.location, TextKind::name);
    for (const Value& operand : condition.operands) visit_value(operand, visit);
  }
}

void visit_column(const ColumnSpec& column, const TextVisitor& visit) {
  visit(column.name, column.origin.location, TextKind::name);
  for (const std::string& value : column.type.values)
    visit(value, column.type.location, TextKind::value);
  if (column.default_value) {
    if (const auto* value = std::get_if<Value>(&*column.default_value)) visit_value(*value, visit);
  }
  if (column.references) {
    visit(column.references->table, column.references->location, TextKind::name);
    visit(column.references->column, column.references->location, TextKind::name);
  }
  if (column.comment) visit(*column.comment, column.origin.of("comment"), TextKind::value);
}

void visit_constraint(const ConstraintSpec& constraint, const TextVisitor& visit) {
  const Origin& origin = constraint.origin;
  if (constraint.name) visit(*constraint.name, origin.of("name"), TextKind::name);
  for (const std::string& field : constraint.fields)
    visit(field, origin.of("fields"), TextKind::name);
  if (constraint.where) visit_where(*constraint.where, visit);
  if (constraint.references) {
    visit(constraint.references->table, constraint.references->location, TextKind::name);
    for (const std::string& column : constraint.references->columns)
      visit(column, constraint.references->location, TextKind::name);
  }
}

// Calls `visit` with every name and text value of `operation`, and where it was written.
void visit_texts(const Operation& operation, const TextVisitor& visit) {
  const Origin& origin = origin_of(operation);
  const auto name = [&](const std::string& text, std::string_view option) {
    visit(text, origin.of(option), TextKind::name);
  };
  std::visit(
      [&](const auto& op) {
        using T = std::decay_t<decltype(op)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          name(op.table, "table");
          for (const ColumnSpec& column : op.columns) visit_column(column, visit);
          for (const ConstraintSpec& constraint : op.constraints)
            visit_constraint(constraint, visit);
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          name(op.from, "from");
          name(op.to, "to");
        } else if constexpr (std::is_same_v<T, DropTable>) {
          name(op.table, "table");
        } else if constexpr (std::is_same_v<T, AddColumn> || std::is_same_v<T, ChangeColumn>) {
          name(op.table, "table");
          visit_column(op.column, visit);
        } else if constexpr (std::is_same_v<T, RemoveColumn>) {
          name(op.table, "table");
          name(op.column, "column");
        } else if constexpr (std::is_same_v<T, RenameColumn>) {
          name(op.table, "table");
          name(op.from, "from");
          name(op.to, "to");
        } else if constexpr (std::is_same_v<T, AddIndex>) {
          name(op.table, "table");
          name(op.name, "name");
          for (const IndexField& field : op.fields)
            visit(field.column, field.location, TextKind::name);
          if (op.where) visit_where(*op.where, visit);
        } else if constexpr (std::is_same_v<T, RemoveIndex> ||
                             std::is_same_v<T, RemoveConstraint>) {
          name(op.table, "table");
          name(op.name, "name");
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          name(op.table, "table");
          visit_constraint(op.constraint, visit);
        } else if constexpr (std::is_same_v<T, BulkInsert>) {
          name(op.table, "table");
          for (const std::string& column : op.columns) name(column, "rows");
          for (const Row& row : op.rows)
            for (const Value& value : row.values) visit_value(value, visit);
        } else if constexpr (std::is_same_v<T, BulkDelete>) {
          name(op.table, "table");
          visit_where(op.where, visit);
        }
      },
      operation);
}

std::size_t count_characters(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void check_name_length(const std::string& name, const SourceLocation& at, Dialect dialect) {
  if (dialect == Dialect::postgres && name.size() > 63) {
    refuse(at,
           "the name '" + name + "' is " + std::to_string(name.size()) +
               " bytes; PostgreSQL keeps only the first 63",
           "Shorten the name: PostgreSQL would cut it short silently, and two long names could "
           "become one.");
  }
  if (dialect == Dialect::mysql && count_characters(name) > 64) {
    refuse(at, "the name '" + name + "' is longer than MySQL's 64 characters", "Shorten the name.");
  }
}

// The most columns a table may have: PostgreSQL's 1600, InnoDB's 1017 (MySQL's default engine;
// the server's own limit is 4096), SQLite's default SQLITE_MAX_COLUMN of 2000. Refused before
// anything runs, with the unit's line, rather than by the database part-way through a run.
void check_column_count(const CreateTable& create, Dialect dialect) {
  const std::size_t limit = dialect == Dialect::postgres ? 1600
                            : dialect == Dialect::mysql  ? 1017
                                                         : 2000;
  if (create.columns.size() <= limit) return;
  refuse(create.origin.location,
         "createTable " + create.table + " has " + std::to_string(create.columns.size()) +
             " columns; " + std::string(core::dialect_name(dialect)) + " allows at most " +
             std::to_string(limit) + " in one table",
         "Split the columns over several tables.");
}

}  // namespace

void refuse(const SourceLocation& at, const std::string& problem, const std::string& hint) {
  throw MigrationFileError(at.file, at.line, at.column, problem, hint);
}

RenderNote ignored(const Origin& origin, std::string_view option, Dialect dialect,
                   std::string_view why) {
  return RenderNote{origin.of(option), std::string(option) + " is ignored on " +
                                           std::string(core::dialect_name(dialect)) + ": " +
                                           std::string(why)};
}

void check_raw_sql(const RawSql& sql, Dialect dialect) {
  if (!sql.any_dialect && sql.by_dialect.count(dialect) == 0) {
    const std::string name(core::dialect_name(dialect));
    refuse(sql.origin.location, "sql gives no SQL for " + name,
           "Add `" + name +
               ": \"...\"` to the sql map, or write the SQL as plain text for "
               "every dialect.");
  }
  (void)raw_sql_statements(sql, dialect);  // throws at an unterminated quote or comment
}

void check_change_column_keys(const ChangeColumn& change) {
  const Origin& origin = change.column.origin;
  for (const char* option : {"primaryKey", "unique", "references", "onDelete", "onUpdate"}) {
    if (!origin.has(option)) continue;
    refuse(origin.of(option),
           std::string("changeColumn keeps the column's keys, so it takes no ") + option,
           "changeColumn restates type, allowNull, defaultValue, autoIncrement and comment; "
           "change keys with addConstraint and removeConstraint.");
  }
}

void check_text(const Operation& operation, Dialect dialect) {
  if (const auto* create = std::get_if<CreateTable>(&operation))
    check_column_count(*create, dialect);
  visit_texts(operation,
              [dialect](const std::string& text, const SourceLocation& at, TextKind kind) {
                const bool has_nul = text.find('\0') != std::string::npos;
                if (has_nul && (kind == TextKind::name || dialect != Dialect::mysql)) {
                  refuse(at,
                         std::string(kind == TextKind::name ? "a name" : "a text value") +
                             " holds a NUL character, which " +
                             std::string(core::dialect_name(dialect)) + " cannot store",
                         "Remove the \\0 from the unit.");
                }
                if (kind == TextKind::name) check_name_length(text, at, dialect);
              });
}

}  // namespace forge::dialect
