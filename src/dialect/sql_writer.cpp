#include "dialect/sql_writer.hpp"

#include <algorithm>

#include "core/history_columns.hpp"
#include "core/sql_splitter.hpp"
#include "util/strings.hpp"

namespace forge::dialect {

using namespace declarative;

namespace {

std::string quote_with(std::string_view text, char quote) {
  std::string out(1, quote);
  for (char c : text) {
    out += c;
    if (c == quote) out += quote;
  }
  return out + quote;
}

std::string mysql_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'')
      out += "''";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\0')
      out += "\\0";
    else
      out += c;
  }
  return out + "'";
}

std::string postgres_text(std::string_view text) {
  if (text.find('\\') == std::string_view::npos) return quote_with(text, '\'');
  std::string out = "E'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

std::string list_sql(const std::vector<Value>& values, Dialect dialect) {
  std::vector<std::string> pieces;
  for (const Value& value : values) pieces.push_back(literal_sql(value.literal, dialect));
  return util::join(pieces, ", ");
}

// IS takes the keywords on every dialect (SQLite knows IS TRUE since 3.23).
std::string is_operand_sql(const Value& value) {
  if (value.is_null()) return "NULL";
  return std::get<bool>(value.literal) ? "TRUE" : "FALSE";
}

std::string condition_sql(const Condition& condition, Dialect dialect) {
  const std::string column = quote_name(condition.column, dialect);
  const Value& operand = condition.operands.front();
  const std::string value = literal_sql(operand.literal, dialect);
  switch (condition.op) {
    case WhereOperator::eq:
      return column + (operand.is_null() ? " IS NULL" : " = " + value);
    case WhereOperator::ne:
      return column + (operand.is_null() ? " IS NOT NULL" : " <> " + value);
    case WhereOperator::gt:
      return column + " > " + value;
    case WhereOperator::gte:
      return column + " >= " + value;
    case WhereOperator::lt:
      return column + " < " + value;
    case WhereOperator::lte:
      return column + " <= " + value;
    case WhereOperator::in:
      return column + " IN (" + list_sql(condition.operands, dialect) + ")";
    case WhereOperator::not_in:
      return column + " NOT IN (" + list_sql(condition.operands, dialect) + ")";
    case WhereOperator::like:
      return column + " LIKE " + value;
    case WhereOperator::is:
      return column + " IS " + is_operand_sql(operand);
    case WhereOperator::is_not:
      return column + " IS NOT " + is_operand_sql(operand);
  }
  return column;
}

std::string foreign_key_sql(const std::vector<std::string>& fields, const std::string& table,
                            const std::vector<std::string>& columns, Dialect dialect) {
  return "FOREIGN KEY (" + quote_names(fields, dialect) + ") REFERENCES " +
         quote_name(table, dialect) + " (" + quote_names(columns, dialect) + ")";
}

}  // namespace

std::string quote_name(std::string_view name, Dialect dialect) {
  return quote_with(name, dialect == Dialect::mysql ? '`' : '"');
}

std::string quote_qualified_name(std::string_view name, Dialect dialect) {
  std::vector<std::string> parts;
  for (const auto& part : util::split(name, '.')) parts.push_back(quote_name(part, dialect));
  return util::join(parts, ".");
}

std::string added_history_columns_sql(const std::vector<std::string>& missing,
                                      const std::string& applied_at_text) {
  auto read = [&](const std::string& column, const std::string& expression, const char* fallback) {
    const bool absent = std::find(missing.begin(), missing.end(), column) != missing.end();
    return absent ? std::string(fallback) : expression;
  };
  // A column added to a table forge did not create may hold NULL: applied_at where another
  // tool wrote the row (the time is unknown), statement_hashes on MySQL (before 8.0.13 TEXT
  // takes no other default). Read as the default.
  return read("checksum", "COALESCE(checksum, '')", "''") + ", " +
         read("applied_at", "COALESCE(" + applied_at_text + ", '')", "''") + ", " +
         read("execution_ms", "execution_ms", "0") + ", " + read("state", "state", "'applied'") +
         ", " + read("statements_done", "statements_done", "0") + ", " +
         read("statement_hashes", "COALESCE(statement_hashes, '')", "''") + ", " +
         read("progress", "COALESCE(progress, '')", "''");
}

std::string history_column_definitions(const char* (*definition_of)(const std::string& column)) {
  std::vector<std::string> definitions;
  for (const char* column : core::k_added_history_columns) {
    definitions.push_back(std::string(column) + " " + definition_of(column));
  }
  return util::join(definitions, ", ");
}

std::string quote_names(const std::vector<std::string>& names, Dialect dialect) {
  std::vector<std::string> quoted;
  for (const std::string& name : names) quoted.push_back(quote_name(name, dialect));
  return util::join(quoted, ", ");
}

std::string quote_text(std::string_view text, Dialect dialect) {
  switch (dialect) {
    case Dialect::mysql:
      return mysql_text(text);
    case Dialect::postgres:
      return postgres_text(text);
    case Dialect::sqlite:
      break;
  }
  return quote_with(text, '\'');
}

std::string function_sql(const FunctionCall& call, Dialect dialect) {
  // Sequelize.fn('NOW') writes NOW(); SQLite has no such function, so it gets the standard
  // CURRENT_TIMESTAMP (which Sequelize.fn('CURRENT_TIMESTAMP') would spell as a call everywhere
  // fails).
  if (call.function == SqlFunction::now && dialect != Dialect::sqlite) return "NOW()";
  return "CURRENT_TIMESTAMP";
}

std::string literal_sql(const Literal& literal, Dialect dialect) {
  if (std::holds_alternative<std::nullptr_t>(literal)) return "NULL";
  if (const auto* flag = std::get_if<bool>(&literal)) {
    if (dialect == Dialect::sqlite) return *flag ? "1" : "0";
    return *flag ? "TRUE" : "FALSE";
  }
  if (const auto* number = std::get_if<std::int64_t>(&literal)) return std::to_string(*number);
  if (const auto* call = std::get_if<FunctionCall>(&literal)) return function_sql(*call, dialect);
  if (const auto* raw = std::get_if<RawExpression>(&literal)) return raw->sql;
  if (const auto* decimal = std::get_if<Decimal>(&literal)) {
    // The loader only keeps well-formed numbers; a leading '+' is all some dialects mind.
    return decimal->text.front() == '+' ? decimal->text.substr(1) : decimal->text;
  }
  return quote_text(std::get<std::string>(literal), dialect);
}

std::string where_sql(const Where& where, Dialect dialect) {
  std::vector<std::string> pieces;
  for (const Condition& condition : where.conditions)
    pieces.push_back(condition_sql(condition, dialect));
  return util::join(pieces, " AND ");
}

std::string actions_sql(const std::optional<ReferentialAction>& on_delete,
                        const std::optional<ReferentialAction>& on_update) {
  std::string out;
  if (on_delete) out += " ON DELETE " + std::string(action_name(*on_delete));
  if (on_update) out += " ON UPDATE " + std::string(action_name(*on_update));
  return out;
}

std::string references_sql(const ColumnSpec& column, Dialect dialect) {
  const ColumnReference& target = column.references.value();
  return "REFERENCES " + quote_name(target.table, dialect) + " (" +
         quote_name(target.column, dialect) + ")" + actions_sql(column.on_delete, column.on_update);
}

std::string column_foreign_key_sql(const ColumnSpec& column, Dialect dialect) {
  const ColumnReference& target = column.references.value();
  return foreign_key_sql({column.name}, target.table, {target.column}, dialect) +
         actions_sql(column.on_delete, column.on_update);
}

std::string constraint_sql(const ConstraintSpec& constraint, Dialect dialect) {
  std::string out =
      constraint.name ? "CONSTRAINT " + quote_name(*constraint.name, dialect) + " " : std::string();
  switch (constraint.kind) {
    case ConstraintKind::unique:
      return out + "UNIQUE (" + quote_names(constraint.fields, dialect) + ")";
    case ConstraintKind::primary_key:
      return out + "PRIMARY KEY (" + quote_names(constraint.fields, dialect) + ")";
    case ConstraintKind::check:
      return out + "CHECK (" + where_sql(constraint.where.value(), dialect) + ")";
    case ConstraintKind::foreign_key: {
      const ForeignKeyTarget& target = constraint.references.value();
      return out + foreign_key_sql(constraint.fields, target.table, target.columns, dialect) +
             actions_sql(constraint.on_delete, constraint.on_update);
    }
  }
  return out;
}

std::string index_fields_sql(const std::vector<IndexField>& fields, Dialect dialect) {
  std::vector<std::string> pieces;
  for (const IndexField& field : fields) {
    std::string piece = quote_name(field.column, dialect);
    if (field.length && dialect == Dialect::mysql)
      piece += "(" + std::to_string(*field.length) + ")";
    if (field.order) piece += *field.order == SortOrder::descending ? " DESC" : " ASC";
    pieces.push_back(std::move(piece));
  }
  return "(" + util::join(pieces, ", ") + ")";
}

std::vector<std::string> insert_sql(const BulkInsert& insert, Dialect dialect) {
  const std::string head = "INSERT INTO " + quote_name(insert.table, dialect) + " (" +
                           quote_names(insert.columns, dialect) + ") VALUES ";
  std::vector<std::string> statements;
  std::string statement;
  for (std::size_t i = 0; i < insert.rows.size(); ++i) {
    const bool new_thousand = i % k_rows_per_insert == 0;
    if (!statement.empty() && (new_thousand || statement.size() >= k_insert_bytes)) {
      statements.push_back(std::move(statement));
      statement.clear();
    }
    statement += statement.empty() ? head : ", ";
    statement += '(';  // list_sql's text, written in place: a million rows are many strings
    const std::vector<Value>& values = insert.rows[i].values;
    for (std::size_t column = 0; column < values.size(); ++column) {
      if (column > 0) statement += ", ";
      statement += literal_sql(values[column].literal, dialect);
    }
    statement += ')';
  }
  if (!statement.empty()) statements.push_back(std::move(statement));
  return statements;
}

std::string delete_sql(const BulkDelete& remove, Dialect dialect) {
  const std::string out = "DELETE FROM " + quote_name(remove.table, dialect);
  if (remove.where.conditions.empty()) return out;
  return out + " WHERE " + where_sql(remove.where, dialect);
}

std::vector<std::string> raw_sql_statements(const RawSql& sql, Dialect dialect) {
  const auto found = sql.by_dialect.find(dialect);
  const std::string* text = found != sql.by_dialect.end() ? &found->second
                            : sql.any_dialect             ? &*sql.any_dialect
                                                          : nullptr;
  if (!text) return {};
  const SourceLocation& at = sql.origin.location;
  std::vector<std::string> statements;
  for (core::Statement& statement : core::split_sql(*text, {at.file, at.line}, dialect))
    statements.push_back(std::move(statement.text));
  return statements;
}

}  // namespace forge::dialect
