#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "declarative/location.hpp"

namespace forge::declarative {

/// A number with a fraction or an exponent (or too large for 64 bits), kept exactly as written
/// so no precision is lost before the database reads it.
struct Decimal {
  std::string text;
};

/// A literal as written: null, true/false, an integer, a decimal, or text. Quoted scalars (and
/// every JSON string) are always text: `'12'` is a string, `12` an integer.
using Literal = std::variant<std::nullptr_t, bool, std::int64_t, Decimal, std::string>;

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

/// The literal as YAML would show it, for messages and tests: `null`, `true`, `12`, `'it''s'`.
std::string describe(const Literal& literal);

}  // namespace forge::declarative
