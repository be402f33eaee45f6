#include "declarative/scalars.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "util/strings.hpp"

namespace forge::declarative {

namespace {

[[noreturn]] void wrong(const DocumentNode& node, std::string_view what,
                        std::string_view expected) {
  fail_at(node.location,
          std::string(what) + " must be " + std::string(expected) + ", not " + describe(node));
}

bool all_digits_from(std::string_view text, std::size_t from) {
  return from < text.size() && util::is_digits(text.substr(from));
}

bool is_integer_text(std::string_view text) {
  return all_digits_from(text, text.empty() || text[0] == '-' || text[0] == '+' ? 1 : 0);
}

// YAML 1.2's float form: [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)?
bool is_decimal_text(std::string_view text) {
  std::size_t at = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  const auto digits = [&] {
    const std::size_t start = at;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    return at - start;
  };
  std::size_t mantissa = digits();
  if (at < text.size() && text[at] == '.') {
    ++at;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    if (digits() == 0) return false;
  }
  return at == text.size();
}

Literal plain_literal(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (is_integer_text(text)) {
    errno = 0;
    const long long number = std::strtoll(text.c_str(), nullptr, 10);
    if (errno != ERANGE) return static_cast<std::int64_t>(number);
    return Decimal{text};
  }
  if (is_decimal_text(text)) return Decimal{text};
  return text;
}

FunctionCall read_function(const DocumentNode& node, std::string_view what) {
  const std::string name =
      node.kind == DocumentNode::Kind::scalar ? util::to_lower(node.text) : std::string();
  if (name == "now") return FunctionCall{SqlFunction::now};
  if (name == "current_timestamp") return FunctionCall{SqlFunction::current_timestamp};
  wrong(node, std::string("fn in ") + std::string(what),
        "NOW or CURRENT_TIMESTAMP (other SQL goes in {literal: \"...\"})");
}

}  // namespace

std::string read_name(const DocumentNode& node, std::string_view what) {
  if (node.kind != DocumentNode::Kind::scalar || node.text.empty()) wrong(node, what, "a name");
  return node.text;
}

std::vector<std::string> read_names(const DocumentNode& node, std::string_view what) {
  if (node.kind != DocumentNode::Kind::sequence || node.items.empty()) {
    wrong(node, what, "a list of names, like [a, b]");
  }
  std::vector<std::string> names;
  for (const DocumentNode& item : node.items) {
    const std::string name = read_name(item, std::string("each of ") + std::string(what));
    for (const std::string& earlier : names) {
      if (earlier == name)
        fail_at(item.location, "'" + name + "' is listed twice in " + std::string(what));
    }
    names.push_back(name);
  }
  return names;
}

bool read_flag(const DocumentNode& node, std::string_view what) {
  if (node.kind == DocumentNode::Kind::scalar && !node.quoted) {
    const Literal literal = plain_literal(node.text);
    if (const auto* flag = std::get_if<bool>(&literal)) return *flag;
  }
  wrong(node, what, "true or false");
}

int read_count(const DocumentNode& node, std::string_view what) {
  if (node.kind == DocumentNode::Kind::scalar && !node.quoted && util::is_digits(node.text) &&
      node.text.size() <= 9 && std::stoi(node.text) > 0) {
    return std::stoi(node.text);
  }
  wrong(node, what, "a whole number of 1 or more");
}

Value read_value(const DocumentNode& node, std::string_view what) {
  Value value;
  read_value_into(node, what, value);
  return value;
}

void read_value_into(const DocumentNode& node, std::string_view what, Value& value) {
  value.location = node.location;  // assigned: the file name's storage is reused
  switch (node.kind) {
    case DocumentNode::Kind::null:
      value.literal = nullptr;
      return;
    case DocumentNode::Kind::scalar:
      if (!node.quoted) {
        value.literal = plain_literal(node.text);
      } else if (auto* text = std::get_if<std::string>(&value.literal)) {
        text->assign(node.text);
      } else {
        value.literal = node.text;
      }
      return;
    default:
      wrong(node, what, "a single value (text, a number, true/false or null)");
  }
}

Value read_value_or_expression(const DocumentNode& node, std::string_view what) {
  if (node.kind != DocumentNode::Kind::map) return read_value(node, what);
  if (node.entries.size() == 1 && node.entries[0].key == "fn")
    return Value{read_function(node.entries[0].value, what), node.location};
  if (node.entries.size() == 1 && node.entries[0].key == "literal") {
    const DocumentNode& sql = node.entries[0].value;
    if (sql.kind != DocumentNode::Kind::scalar || util::trim(sql.text).empty())
      wrong(sql, std::string("literal in ") + std::string(what), "SQL text");
    return Value{RawExpression{sql.text}, node.location};
  }
  wrong(node, what, "a single value, {fn: NOW} or {literal: \"SQL text\"}");
}

void expect_map(const DocumentNode& node, std::string_view what) {
  if (node.kind != DocumentNode::Kind::map) wrong(node, what, "a map of options");
}

void expect_list(const DocumentNode& node, std::string_view what) {
  if (node.kind != DocumentNode::Kind::sequence || node.items.empty()) {
    wrong(node, what, "a list with at least one item");
  }
}

}  // namespace forge::declarative
