#include "declarative/loader.hpp"

#include "declarative/document.hpp"
#include "declarative/fields.hpp"
#include "declarative/operation_reader.hpp"

namespace forge::declarative {

namespace {

std::vector<Operation> read_list(const DocumentNode& node, std::string_view list) {
  if (node.kind != DocumentNode::Kind::sequence) {
    fail_at(node.location,
            std::string(list) +
                " must be a list of operations (- createTable: ..., "
                "- addColumn: ...), not " +
                describe(node) +
                (list == "down" ? "; write down: [] when there is nothing to undo" : ""));
  }
  std::vector<Operation> operations;
  for (const DocumentNode& item : node.items) operations.push_back(read_operation(item, list));
  return operations;
}

}  // namespace

DeclarativeUnit load_declarative(const std::string& text, const std::string& file) {
  return read_unit(parse_document(text, file), file);
}

DeclarativeUnit read_unit(const DocumentNode& root, const std::string& file) {
  if (root.kind == DocumentNode::Kind::null) {
    fail_at(root.location, "the unit is empty; write up: with a list of operations");
  }
  const Fields fields(root, "the unit", root.location, {"up", "down"});
  DeclarativeUnit unit{file, read_list(fields.required("up"), "up"), std::nullopt,
                       canonical_form(fields.required("up"))};
  if (unit.up.empty()) {
    fail_at(fields.required("up").location, "up lists no operations; a unit must change something");
  }
  if (const DocumentNode* down = fields.find("down")) unit.down = read_list(*down, "down");
  return unit;
}

}  // namespace forge::declarative
