#include "declarative/where_reader.hpp"

#include <algorithm>
#include <array>

#include "declarative/scalars.hpp"
#include "declarative/suggestion.hpp"

namespace forge::declarative {

namespace {

constexpr std::array<WhereOperator, 11> k_operators{
    WhereOperator::eq,   WhereOperator::ne,  WhereOperator::gt,    WhereOperator::gte,
    WhereOperator::lt,   WhereOperator::lte, WhereOperator::in,    WhereOperator::not_in,
    WhereOperator::like, WhereOperator::is,  WhereOperator::is_not};

std::vector<std::string_view> operator_names() {
  std::vector<std::string_view> names;
  for (WhereOperator op : k_operators) names.push_back(operator_name(op));
  return names;
}

std::vector<Value> read_list_operand(const DocumentNode& node, const std::string& what) {
  if (node.kind != DocumentNode::Kind::sequence || node.items.empty()) {
    fail_at(node.location,
            what + " must be a non-empty list of values, like [a, b], not " + describe(node));
  }
  std::vector<Value> values;
  for (const DocumentNode& item : node.items) {
    values.push_back(read_value(item, "each value of " + what));
    if (values.back().is_null()) {
      fail_at(item.location, what + " cannot hold null (it never matches); test null with is");
    }
  }
  return values;
}

// Checks the operand's kind against what the operator can take.
Value read_single_operand(WhereOperator op, const DocumentNode& node, const std::string& what) {
  Value value = read_value(node, what);
  const Literal& literal = value.literal;
  const bool is_null = value.is_null();
  switch (op) {
    case WhereOperator::gt:
    case WhereOperator::gte:
    case WhereOperator::lt:
    case WhereOperator::lte:
      if (is_null || std::holds_alternative<bool>(literal)) {
        fail_at(node.location, what + " must be a number or text, not " + describe(literal));
      }
      break;
    case WhereOperator::like:
      if (!std::holds_alternative<std::string>(literal)) {
        fail_at(node.location,
                what + " must be a text pattern like 'abc%', not " + describe(literal));
      }
      break;
    case WhereOperator::is:
    case WhereOperator::is_not:
      if (!is_null && !std::holds_alternative<bool>(literal)) {
        fail_at(node.location, what + " must be null, true or false, not " + describe(literal) +
                                   "; compare values with eq or ne");
      }
      break;
    default:
      break;
  }
  return value;
}

Condition read_operator(const std::string& column, const MapEntry& entry) {
  const std::vector<std::string_view> names = operator_names();
  Condition condition{column, WhereOperator::eq, {}, entry.key_location};
  const auto found = std::find(names.begin(), names.end(), entry.key);
  if (found == names.end()) {
    fail_at(entry.key_location, "unknown where operator '" + entry.key + "'" +
                                    did_you_mean(entry.key, names) + "; operators are " +
                                    quoted_list(names));
  }
  condition.op = k_operators[static_cast<std::size_t>(found - names.begin())];
  const std::string what = "operand of " + entry.key + " for '" + column + "'";
  if (condition.op == WhereOperator::in || condition.op == WhereOperator::not_in) {
    condition.operands = read_list_operand(entry.value, what);
  } else {
    condition.operands.push_back(read_single_operand(condition.op, entry.value, what));
  }
  return condition;
}

void read_column_conditions(const MapEntry& entry, std::vector<Condition>& out) {
  const DocumentNode& test = entry.value;
  if (test.kind == DocumentNode::Kind::map) {
    if (test.entries.empty()) {
      fail_at(test.location, "the test for '" + entry.key + "' is empty; write e.g. { ne: null }");
    }
    for (const MapEntry& op : test.entries) out.push_back(read_operator(entry.key, op));
  } else if (test.kind == DocumentNode::Kind::sequence) {
    out.push_back(Condition{entry.key, WhereOperator::in,
                            read_list_operand(test, "the list for '" + entry.key + "'"),
                            entry.key_location});
  } else {
    Value value = read_value(test, "the value for '" + entry.key + "'");
    const WhereOperator op = value.is_null() ? WhereOperator::is : WhereOperator::eq;
    out.push_back(Condition{entry.key, op, {std::move(value)}, entry.key_location});
  }
}

}  // namespace

Where read_where(const DocumentNode& node, std::string_view what, bool allow_empty) {
  if (node.kind != DocumentNode::Kind::map) {
    fail_at(node.location, std::string(what) +
                               " must be a map of column tests, like "
                               "{ status: paid, total: { gt: 0 } }, not " +
                               describe(node));
  }
  if (node.entries.empty() && !allow_empty) {
    fail_at(node.location, std::string(what) + " is empty; leave it out instead");
  }
  Where where{{}, node.location};
  for (const MapEntry& entry : node.entries) {
    if (entry.key == "or" || entry.key == "and") {
      fail_at(entry.key_location, "'" + entry.key + "' is not supported in " + std::string(what) +
                                      ": its columns are all ANDed; use an sql operation for OR");
    }
    read_column_conditions(entry, where.conditions);
  }
  return where;
}

}  // namespace forge::declarative
