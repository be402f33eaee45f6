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
  return quoted(std::get<std::string>(literal));
}

}  // namespace forge::declarative
