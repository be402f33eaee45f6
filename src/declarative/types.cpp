#include "declarative/types.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "util/strings.hpp"

namespace forge::declarative {

namespace {

struct TypeRule {
  std::string_view name;
  TypeKind kind;
};

constexpr std::array<TypeRule, 18> k_types{{
    {"STRING", TypeKind::string},
    {"CHAR", TypeKind::character},
    {"TEXT", TypeKind::text},
    {"INTEGER", TypeKind::integer},
    {"BIGINT", TypeKind::big_integer},
    {"SMALLINT", TypeKind::small_integer},
    {"FLOAT", TypeKind::floating},
    {"DOUBLE", TypeKind::double_precision},
    {"DECIMAL", TypeKind::decimal},
    {"BOOLEAN", TypeKind::boolean},
    {"DATE", TypeKind::date_time},
    {"DATEONLY", TypeKind::date_only},
    {"TIME", TypeKind::time},
    {"UUID", TypeKind::uuid},
    {"JSON", TypeKind::json},
    {"JSONB", TypeKind::jsonb},
    {"BLOB", TypeKind::blob},
    {"ENUM", TypeKind::enumeration},
}};

// SQL spellings people reach for first, and the portable name to write instead.
constexpr std::array<std::pair<std::string_view, std::string_view>, 10> k_sql_spellings{{
    {"VARCHAR", "STRING(n)"},
    {"INT", "INTEGER"},
    {"BOOL", "BOOLEAN"},
    {"DATETIME", "DATE"},
    {"TIMESTAMP", "DATE"},
    {"TIMESTAMPTZ", "DATE"},
    {"NUMERIC", "DECIMAL(p,s)"},
    {"REAL", "FLOAT"},
    {"BYTEA", "BLOB"},
    {"SERIAL", "INTEGER with autoIncrement: true"},
}};

constexpr std::string_view k_type_list =
    "STRING(n), CHAR(n), TEXT, INTEGER, BIGINT, SMALLINT, FLOAT, DOUBLE, DECIMAL(p,s), BOOLEAN, "
    "DATE, DATEONLY, TIME, UUID, JSON, JSONB, BLOB, ENUM('a','b')";

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void unknown_type(std::string_view text, const std::string& name,
                               const SourceLocation& location) {
  std::string problem = "unknown type '" + std::string(text) + "'";
  for (const auto& [sql, portable] : k_sql_spellings) {
    if (name == sql) problem += " (the portable spelling is " + std::string(portable) + ")";
  }
  fail_at(location, problem + "; the types are " + std::string(k_type_list));
}

// Splits `NAME(args)` into the name and the text between the parentheses (nullopt: none).
std::pair<std::string, std::optional<std::string>> split_arguments(std::string_view text,
                                                                   const SourceLocation& location) {
  const std::string_view trimmed = util::trim(text);
  const auto open = trimmed.find('(');
  if (open == std::string_view::npos) return {upper(trimmed), std::nullopt};
  if (trimmed.back() != ')') {
    fail_at(location, "type '" + std::string(text) + "' must end with ')' after its arguments");
  }
  const std::string name = upper(util::trim(trimmed.substr(0, open)));
  return {name, std::string(trimmed.substr(open + 1, trimmed.size() - open - 2))};
}

std::vector<int> parse_numbers(const std::string& arguments, const std::string& name,
                               const SourceLocation& location) {
  std::vector<int> numbers;
  for (const std::string& piece : util::split(arguments, ',')) {
    const std::string_view digits = util::trim(piece);
    if (!util::is_digits(digits) || digits.size() > 9) {
      fail_at(location, name + " takes whole numbers as arguments, not '" + arguments + "'");
    }
    numbers.push_back(std::stoi(std::string(digits)));
  }
  return numbers;
}

// Reads the quoted values of `ENUM('a', 'b')`; a quote inside a value is doubled.
std::vector<std::string> parse_enum_values(std::string_view arguments,
                                           const SourceLocation& location) {
  const std::string expected =
      "ENUM values must be quoted and separated by commas: ENUM('pending', 'paid')";
  std::vector<std::string> values;
  std::size_t at = 0;
  const auto skip_space = [&] {
    while (at < arguments.size() && std::isspace(static_cast<unsigned char>(arguments[at]))) ++at;
  };
  skip_space();
  while (at < arguments.size()) {
    const char quote = arguments[at];
    if (quote != '\'' && quote != '"') fail_at(location, expected);
    std::string value;
    for (++at;; ++at) {
      if (at >= arguments.size()) fail_at(location, "unterminated ENUM value; " + expected);
      if (arguments[at] != quote) {
        value += arguments[at];
      } else if (at + 1 < arguments.size() && arguments[at + 1] == quote) {
        value += arguments[at++];
      } else {
        break;
      }
    }
    values.push_back(value);
    ++at;
    skip_space();
    if (at == arguments.size()) break;
    if (arguments[at] != ',') fail_at(location, expected);
    ++at;
    skip_space();
    if (at == arguments.size()) fail_at(location, "a comma ends the ENUM values; " + expected);
  }
  return values;
}

void check_enum_values(const std::vector<std::string>& values, const SourceLocation& location) {
  if (values.empty()) {
    fail_at(location, "ENUM needs its values: ENUM('a', 'b'), or type: ENUM with values: [a, b]");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::find(values.begin(), values.begin() + i, values[i]) != values.begin() + i) {
      fail_at(location, "ENUM value '" + values[i] + "' is listed twice");
    }
  }
}

void apply_numbers(TypeSpec& type, const std::vector<int>& numbers, const std::string& name,
                   const SourceLocation& location) {
  const bool sized = type.kind == TypeKind::string || type.kind == TypeKind::character;
  if (sized) {
    if (numbers.size() != 1 || numbers[0] < 1)
      fail_at(location, name + "(n) takes one length of 1 or more");
    if (type.kind == TypeKind::character && numbers[0] > 255) {
      fail_at(location, "CHAR(n) holds at most 255 characters on every database; use STRING(n)");
    }
    type.length = numbers[0];
  } else if (type.kind == TypeKind::decimal) {
    if (numbers.empty() || numbers.size() > 2)
      fail_at(location, "DECIMAL takes (precision, scale): DECIMAL(10, 2)");
    type.precision = numbers[0];
    type.scale = numbers.size() == 2 ? numbers[1] : 0;
    if (type.precision < 1 || type.precision > 65 || type.scale > type.precision) {
      fail_at(location, "DECIMAL(p,s) needs 1 <= p <= 65 and s <= p, not DECIMAL(" +
                            std::to_string(type.precision) + "," + std::to_string(type.scale) +
                            ")");
    }
  } else {
    fail_at(location, name + " takes no arguments; write " + name);
  }
}

constexpr std::array<std::string_view, 3> k_native_dialects{"postgres", "mysql", "sqlite"};

// A native spelling goes into DDL verbatim, so it may hold nothing but a type name: no quotes,
// semicolons, comment markers or operators that could end the type and start other SQL.
void check_native_spelling(const std::string& type, const std::string& dialect,
                           const SourceLocation& location) {
  const auto refuse = [&](const std::string& why) {
    fail_at(location, "native type for " + dialect + " '" + type + "' " + why +
                          "; write a type name such as INET, TINYINT UNSIGNED or GEOMETRY(POINT)");
  };
  if (type.empty() || type.size() > 100) refuse("must have 1 to 100 characters");
  if (!std::isalpha(static_cast<unsigned char>(type.front()))) refuse("must start with a letter");
  int depth = 0;
  for (char c : type) {
    const bool plain = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == ' ' ||
                       c == ',' || c == '.' || c == '[' || c == ']';
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) refuse("closes a parenthesis it never opened");
    if (!plain && c != '(' && c != ')') refuse("holds '" + std::string(1, c) + "'");
  }
  if (depth != 0) refuse("leaves a parenthesis open");
}

}  // namespace

TypeSpec native_type(std::vector<NativeSpelling> spellings, const SourceLocation& location) {
  if (spellings.empty()) {
    fail_at(location, "a type given per database needs at least one of postgres, mysql, sqlite");
  }
  for (NativeSpelling& spelling : spellings) {
    if (std::find(k_native_dialects.begin(), k_native_dialects.end(), spelling.dialect) ==
        k_native_dialects.end()) {
      fail_at(location, "a type given per database is keyed by postgres, mysql or sqlite, not '" +
                            spelling.dialect + "'");
    }
    spelling.type = std::string(util::trim(spelling.type));
    check_native_spelling(spelling.type, spelling.dialect, location);
  }
  TypeSpec type;
  type.kind = TypeKind::native;
  type.native = std::move(spellings);
  type.location = location;
  return type;
}

const std::string& native_spelling(const TypeSpec& type, std::string_view dialect) {
  for (const NativeSpelling& spelling : type.native) {
    if (spelling.dialect == dialect) return spelling.type;
  }
  fail_at(type.location, "the column type " + to_string(type) + " has no spelling for " +
                             std::string(dialect) + "; add '" + std::string(dialect) +
                             ": <type>' to it");
}

TypeSpec parse_type(std::string_view text, const SourceLocation& location,
                    const std::vector<std::string>& enum_values) {
  const std::string_view trimmed = util::trim(text);
  constexpr std::string_view k_unsigned = " UNSIGNED";
  const bool is_unsigned = trimmed.size() > k_unsigned.size() &&
                           upper(trimmed.substr(trimmed.size() - k_unsigned.size())) == k_unsigned;
  if (is_unsigned) text = util::trim(trimmed.substr(0, trimmed.size() - k_unsigned.size()));
  const auto [name, arguments] = split_arguments(text, location);
  // C++17 lambdas cannot capture a structured binding (gcc allows it, clang does not).
  const auto rule = std::find_if(k_types.begin(), k_types.end(),
                                 [&wanted = name](const TypeRule& r) { return r.name == wanted; });
  if (rule == k_types.end()) unknown_type(text, name, location);
  TypeSpec type;
  type.kind = rule->kind;
  type.location = location;
  type.is_unsigned = is_unsigned;
  if (is_unsigned && !is_integer_kind(type.kind)) {
    fail_at(location, "UNSIGNED applies to INTEGER, BIGINT and SMALLINT only, not " + name);
  }
  if (type.kind == TypeKind::enumeration) {
    if (arguments && !enum_values.empty()) {
      fail_at(location, "ENUM has values both in parentheses and in values:; keep one of them");
    }
    type.values = arguments ? parse_enum_values(*arguments, location) : enum_values;
    check_enum_values(type.values, location);
  } else if (arguments) {
    apply_numbers(type, parse_numbers(*arguments, name, location), name, location);
  } else if (type.kind == TypeKind::decimal) {
    fail_at(location,
            "DECIMAL needs its precision and scale, e.g. DECIMAL(10, 2): "
            "a bare DECIMAL means different things on each database");
  } else if (type.kind == TypeKind::string || type.kind == TypeKind::character) {
    type.length = 255;
  }
  return type;
}

std::string_view type_name(TypeKind kind) {
  for (const TypeRule& rule : k_types) {
    if (rule.kind == kind) return rule.name;
  }
  return "UNKNOWN";
}

std::string to_string(const TypeSpec& type) {
  if (type.kind == TypeKind::native) {
    std::vector<std::string> spellings;
    for (const NativeSpelling& s : type.native) spellings.push_back(s.dialect + ": " + s.type);
    return "{" + util::join(spellings, ", ") + "}";
  }
  std::string text(type_name(type.kind));
  if (type.is_unsigned) return text + " UNSIGNED";
  if (type.length > 0) return text + "(" + std::to_string(type.length) + ")";
  if (type.kind == TypeKind::decimal) {
    return text + "(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
  }
  if (type.kind != TypeKind::enumeration) return text;
  std::vector<std::string> quoted;
  for (const std::string& value : type.values) {
    std::string q = "'";
    for (char c : value) q += c == '\'' ? std::string("''") : std::string(1, c);
    quoted.push_back(q + "'");
  }
  return text + "(" + util::join(quoted, ",") + ")";
}

bool is_integer_kind(TypeKind kind) {
  return kind == TypeKind::integer || kind == TypeKind::big_integer ||
         kind == TypeKind::small_integer;
}

}  // namespace forge::declarative
