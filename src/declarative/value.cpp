#include "declarative/value.hpp"

namespace forge::declarative {

namespace {
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}
}  // namespace

std::string describe(const Literal& literal) {
  if (std::holds_alternative<std::nullptr_t>(literal)) return "null";
  if (const auto* flag = std::get_if<bool>(&literal)) return *flag ? "true" : "false";
  if (const auto* number = std::get_if<std::int64_t>(&literal)) return std::to_string(*number);
  if (const auto* decimal = std::get_if<Decimal>(&literal)) return decimal->text;
  if (const auto* call = std::get_if<FunctionCall>(&literal))
    return "{fn: " + std::string(function_name(call->function)) + "}";
  if (const auto* raw = std::get_if<RawExpression>(&literal))
    return "{literal: " + quoted(raw->sql) + "}";
  return quoted(std::get<std::string>(literal));
}

std::string_view function_name(SqlFunction function) {
  return function == SqlFunction::now ? "NOW" : "CURRENT_TIMESTAMP";
}

bool is_expression(const Literal& literal) {
  return std::holds_alternative<FunctionCall>(literal) ||
         std::holds_alternative<RawExpression>(literal);
}

}  // namespace forge::declarative
