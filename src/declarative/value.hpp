#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "declarative/location.hpp"

namespace forge::declarative {

/// A number with a fraction or an exponent (or too large for 64 bits), kept exactly as written
/// so no precision is lost before the database reads it.
struct Decimal {
  std::string text;
};

/// The database functions `{fn: NAME}` may call, as sequelize's `Sequelize.fn('NAME')` does.
enum class SqlFunction { now, current_timestamp };

/// `{fn: NOW}`: a function call the dialect writes its own way (SQLite has no NOW()).
struct FunctionCall {
  SqlFunction function = SqlFunction::now;
};

/// `{literal: "..."}`: SQL text written into the statement as it is, as sequelize's
/// `Sequelize.literal` is; neither quoted nor checked.
struct RawExpression {
  std::string sql;
};

/// A literal as written: null, true/false, an integer, a decimal, or text. Quoted scalars (and
/// every JSON string) are always text: `'12'` is a string, `12` an integer. Defaults and
/// bulkInsert values may also be a FunctionCall or a RawExpression (where-expressions never).
using Literal = std::variant<std::nullptr_t, bool, std::int64_t, Decimal, std::string, FunctionCall,
                             RawExpression>;

/// A literal and where it was written.
struct Value {
  Literal literal;
  SourceLocation location;

  /// True for `null`, `~` or an empty value.
  bool is_null() const { return std::holds_alternative<std::nullptr_t>(literal); }
};

/// `defaultValue: NOW`: the current timestamp when a row is inserted.
struct Now {};

/// A column default: a literal, or NOW.
using DefaultValue = std::variant<Value, Now>;

/// The literal as YAML would show it, for messages and tests: `null`, `true`, `12`, `'it''s'`,
/// `{fn: NOW}`, `{literal: 'x()'}`.
std::string describe(const Literal& literal);
/// `NOW`, `CURRENT_TIMESTAMP`: the name as written after `fn:`.
std::string_view function_name(SqlFunction function);
/// True for a FunctionCall or RawExpression: SQL the database evaluates, not a constant.
bool is_expression(const Literal& literal);

}  // namespace forge::declarative
