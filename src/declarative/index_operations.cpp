// addIndex, removeIndex, addConstraint, removeConstraint.
#include <array>

#include "declarative/constraint_reader.hpp"
#include "declarative/operation_readers.hpp"
#include "declarative/scalars.hpp"
#include "declarative/where_reader.hpp"
#include "util/strings.hpp"

namespace forge::declarative {

namespace {

constexpr std::array<IndexMethod, 6> k_methods{IndexMethod::btree, IndexMethod::hash,
                                               IndexMethod::gist,  IndexMethod::spgist,
                                               IndexMethod::gin,   IndexMethod::brin};

IndexMethod read_method(const DocumentNode& node, const std::string& what) {
  for (IndexMethod method : k_methods) {
    if (node.kind == DocumentNode::Kind::scalar &&
        util::to_lower(node.text) == util::to_lower(index_method_name(method))) {
      return method;
    }
  }
  fail_at(node.location,
          what + " must be BTREE, HASH, GIST, SPGIST, GIN or BRIN, not " + describe(node));
}

SortOrder read_order(const DocumentNode& node, const std::string& what) {
  const std::string text = node.kind == DocumentNode::Kind::scalar ? util::to_lower(node.text) : "";
  if (text == "asc") return SortOrder::ascending;
  if (text == "desc") return SortOrder::descending;
  fail_at(node.location, what + " must be ASC or DESC, not " + describe(node));
}

IndexField read_index_field(const DocumentNode& item, std::size_t number) {
  if (item.kind != DocumentNode::Kind::map) {
    return IndexField{read_name(item, "each of fields of addIndex"), {}, {}, item.location};
  }
  const Fields fields(item, "field " + std::to_string(number) + " of addIndex", item.location,
                      {"name", "order", "length"});
  IndexField field{fields.name("name"), {}, {}, item.location};
  if (const DocumentNode* order = fields.find("order")) {
    field.order = read_order(*order, fields.describe_key("order"));
  }
  if (const DocumentNode* length = fields.find("length")) {
    field.length = read_count(*length, fields.describe_key("length"));
  }
  return field;
}

std::vector<IndexField> read_index_fields(const DocumentNode& node) {
  if (node.kind != DocumentNode::Kind::sequence || node.items.empty()) {
    fail_at(node.location,
            "fields of addIndex must be a list of columns, like [a, b] or "
            "[{ name: a, order: DESC }], not " +
                describe(node));
  }
  std::vector<IndexField> fields;
  for (const DocumentNode& item : node.items) {
    IndexField field = read_index_field(item, fields.size() + 1);
    for (const IndexField& earlier : fields) {
      if (earlier.column == field.column) {
        fail_at(field.location,
                "column '" + field.column + "' is listed twice in fields of addIndex");
      }
    }
    fields.push_back(std::move(field));
  }
  return fields;
}

}  // namespace

Operation read_add_index(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "addIndex", at,
                      {"table", "name", "fields", "unique", "where", "using", "concurrently"});
  AddIndex op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  op.name = fields.name("name");
  op.fields = read_index_fields(fields.required("fields"));
  op.unique = fields.flag("unique");
  if (const DocumentNode* where = fields.find("where")) {
    op.where = read_where(*where, fields.describe_key("where"), false);
  }
  if (const DocumentNode* method = fields.find("using")) {
    op.method = read_method(*method, fields.describe_key("using"));
  }
  op.concurrently = fields.flag("concurrently");
  return op;
}

Operation read_remove_index(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "removeIndex", at, {"table", "name"});
  return RemoveIndex{fields.origin(), fields.name("table"), fields.name("name")};
}

Operation read_add_constraint(const DocumentNode& body, const SourceLocation& at) {
  std::vector<std::string_view> options{"table"};
  options.insert(options.end(), constraint_options().begin(), constraint_options().end());
  const Fields fields(body, "addConstraint", at, options);
  AddConstraint op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  op.constraint = read_constraint(fields, true);
  return op;
}

Operation read_remove_constraint(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "removeConstraint", at, {"table", "name"});
  return RemoveConstraint{fields.origin(), fields.name("table"), fields.name("name")};
}

}  // namespace forge::declarative
