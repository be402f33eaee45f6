#include "declarative/operation_reader.hpp"

#include <algorithm>
#include <array>

#include "declarative/operation_readers.hpp"
#include "declarative/suggestion.hpp"

namespace forge::declarative {

namespace {

struct OperationRule {
  std::string_view name;
  Operation (*read)(const DocumentNode& body, const SourceLocation& at);
};

// The explicit table of operations; the names are sequelize's QueryInterface methods.
constexpr std::array<OperationRule, 14> k_operations{{
    {"createTable", read_create_table},
    {"dropTable", read_drop_table},
    {"renameTable", read_rename_table},
    {"addColumn", read_add_column},
    {"removeColumn", read_remove_column},
    {"renameColumn", read_rename_column},
    {"changeColumn", read_change_column},
    {"addIndex", read_add_index},
    {"removeIndex", read_remove_index},
    {"addConstraint", read_add_constraint},
    {"removeConstraint", read_remove_constraint},
    {"bulkInsert", read_bulk_insert},
    {"bulkDelete", read_bulk_delete},
    {"sql", read_sql},
}};

[[noreturn]] void wrong_shape(const DocumentNode& item, std::string_view list) {
  std::string found = describe(item);
  if (item.kind == DocumentNode::Kind::map) {
    std::string keys;
    for (const MapEntry& entry : item.entries) keys += (keys.empty() ? "" : ", ") + entry.key;
    found = keys.empty()
                ? "an empty map"
                : "a map with keys " + keys + " (indent the fields under the operation's name)";
  }
  fail_at(item.location, "each item of " + std::string(list) +
                             " is one operation, a one-key map like `- addColumn: { table: t, "
                             "column: c, type: TEXT }`; found " +
                             found);
}

}  // namespace

const std::vector<std::string_view>& operation_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const OperationRule& rule : k_operations) out.push_back(rule.name);
    return out;
  }();
  return names;
}

Operation read_operation(const DocumentNode& item, std::string_view list) {
  if (item.kind != DocumentNode::Kind::map || item.entries.size() != 1) wrong_shape(item, list);
  const MapEntry& entry = item.entries.front();
  const auto rule = std::find_if(k_operations.begin(), k_operations.end(),
                                 [&](const OperationRule& r) { return r.name == entry.key; });
  if (rule == k_operations.end()) {
    fail_at(entry.key_location, "unknown operation '" + entry.key + "'" +
                                    did_you_mean(entry.key, operation_names()) +
                                    "; the operations are " + quoted_list(operation_names()));
  }
  return rule->read(entry.value, entry.key_location);
}

}  // namespace forge::declarative
