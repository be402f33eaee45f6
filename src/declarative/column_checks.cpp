#include "declarative/column_checks.hpp"

#include <algorithm>

namespace forge::declarative {

namespace {

std::size_t count_characters(const std::string& utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// What a non-null default of `type` must be; empty when `literal` fits.
std::string default_mismatch(const TypeSpec& type, const Literal& literal) {
  const auto* text = std::get_if<std::string>(&literal);
  if (std::holds_alternative<FunctionCall>(literal)) {
    // NOW and CURRENT_TIMESTAMP are timestamps: only a date or time column takes them.
    const bool temporal = type.kind == TypeKind::date_time || type.kind == TypeKind::date_only ||
                          type.kind == TypeKind::time || type.kind == TypeKind::native;
    return temporal ? "" : "a value of its type (fn gives a timestamp)";
  }
  switch (type.kind) {
    case TypeKind::integer:
    case TypeKind::big_integer:
    case TypeKind::small_integer:
      return std::holds_alternative<std::int64_t>(literal) ? "" : "a whole number";
    case TypeKind::floating:
    case TypeKind::double_precision:
    case TypeKind::decimal:
      return std::holds_alternative<std::int64_t>(literal) ||
                     std::holds_alternative<Decimal>(literal)
                 ? ""
                 : "a number";
    case TypeKind::boolean:
      return std::holds_alternative<bool>(literal) ? "" : "true or false";
    case TypeKind::enumeration:
      return text && std::find(type.values.begin(), type.values.end(), *text) != type.values.end()
                 ? ""
                 : "one of the ENUM's values";
    case TypeKind::string:
    case TypeKind::character:
      if (text && count_characters(*text) > static_cast<std::size_t>(type.length)) {
        return "text of at most " + std::to_string(type.length) + " characters";
      }
      return text ? "" : "text (quote it: '…')";
    case TypeKind::date_time:
    case TypeKind::date_only:
    case TypeKind::time:
      return text ? "" : "quoted text, NOW or {fn: NOW}";
    case TypeKind::native:
      return "";  // the database's own type: it judges the default
    default:
      return text ? "" : "text (quote it: '…')";
  }
}

void check_default(const ColumnSpec& column) {
  if (!column.default_value) return;
  const auto* value = std::get_if<Value>(&*column.default_value);
  if (!value) return;
  const SourceLocation& at = value->location;
  if (value->is_null()) {
    if (!column.allow_null) {
      fail_at(at,
              "column '" + column.name + "' has allowNull: false, so its default cannot be null");
    }
    return;
  }
  if (column.auto_increment) {
    fail_at(at, "column '" + column.name + "' has autoIncrement, so it takes no defaultValue");
  }
  if (std::holds_alternative<RawExpression>(value->literal)) return;  // the author's own SQL
  const std::string expected = default_mismatch(column.type, value->literal);
  if (!expected.empty()) {
    fail_at(at, "defaultValue of " + to_string(column.type) + " column '" + column.name +
                    "' must be " + expected + ", not " + describe(value->literal));
  }
}

void check_keys(const ColumnSpec& column) {
  if (column.primary_key && column.allow_null) {
    fail_at(column.origin.of("allowNull"),
            "primary key column '" + column.name + "' cannot allow null; drop allowNull: true");
  }
  const bool native = column.type.kind == TypeKind::native;  // TINYINT, MEDIUMINT: its own
  if (column.auto_increment && !is_integer_kind(column.type.kind) && !native) {
    fail_at(column.origin.of("autoIncrement"),
            "autoIncrement needs INTEGER, BIGINT or SMALLINT; column '" + column.name + "' is " +
                to_string(column.type));
  }
}

void check_foreign_key(const ColumnSpec& column) {
  for (const char* option : {"onDelete", "onUpdate"}) {
    if (column.origin.has(option) && !column.references) {
      fail_at(column.origin.of(option), std::string(option) +
                                            " needs references: { table, column } "
                                            "on column '" +
                                            column.name + "'");
    }
  }
  const bool sets_null = column.on_delete == ReferentialAction::set_null ||
                         column.on_update == ReferentialAction::set_null;
  if (sets_null && !column.allow_null) {
    const char* option = column.on_delete == ReferentialAction::set_null ? "onDelete" : "onUpdate";
    fail_at(column.origin.of(option), "SET NULL needs a column that allows null; column '" +
                                          column.name + "' has allowNull: false");
  }
}

}  // namespace

void check_column(const ColumnSpec& column) {
  check_keys(column);
  check_default(column);
  check_foreign_key(column);
}

}  // namespace forge::declarative
