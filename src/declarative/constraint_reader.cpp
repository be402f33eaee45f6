#include "declarative/constraint_reader.hpp"

#include "declarative/column_reader.hpp"
#include "declarative/scalars.hpp"
#include "declarative/where_reader.hpp"
#include "util/strings.hpp"

namespace forge::declarative {

namespace {

ConstraintKind read_kind(const Fields& fields) {
  const DocumentNode& node = fields.required("type");
  const std::string text =
      node.kind == DocumentNode::Kind::scalar ? util::to_lower(util::trim(node.text)) : "";
  if (text == "unique") return ConstraintKind::unique;
  if (text == "check") return ConstraintKind::check;
  if (text == "foreign key") return ConstraintKind::foreign_key;
  if (text == "primary key") return ConstraintKind::primary_key;
  fail_at(node.location, fields.describe_key("type") +
                             " must be unique, check, foreign key or primary key, not " +
                             describe(node));
}

ForeignKeyTarget read_target(const DocumentNode& node, const Fields& owner, std::size_t count) {
  const Fields fields(node, owner.describe_key("references"), node.location,
                      {"table", "column", "columns"});
  ForeignKeyTarget target{fields.name("table"), {}, node.location};
  if (fields.find("column") && fields.find("columns")) {
    fail_at(node.location, "references takes column or columns, not both");
  }
  if (const DocumentNode* list = fields.find("columns")) {
    target.columns = read_names(*list, fields.describe_key("columns"));
  } else {
    target.columns.push_back(fields.name("column"));
  }
  if (target.columns.size() != count) {
    fail_at(node.location, "the foreign key has " + std::to_string(count) +
                               " field(s) but references " + std::to_string(target.columns.size()) +
                               " column(s)");
  }
  return target;
}

// Refuses options that only another kind of constraint takes.
void refuse_foreign_options(const Fields& fields, ConstraintKind kind) {
  const auto refuse = [&](std::string_view option, ConstraintKind owner) {
    if (kind != owner && fields.find(option)) {
      fail_at(fields.origin().of(option), std::string(option) + " belongs to type: " +
                                              std::string(constraint_kind_name(owner)) +
                                              " constraints only");
    }
  };
  refuse("where", ConstraintKind::check);
  refuse("references", ConstraintKind::foreign_key);
  refuse("onDelete", ConstraintKind::foreign_key);
  refuse("onUpdate", ConstraintKind::foreign_key);
}

}  // namespace

const std::vector<std::string_view>& constraint_options() {
  static const std::vector<std::string_view> options{"type",       "name",     "fields",  "where",
                                                     "references", "onDelete", "onUpdate"};
  return options;
}

ConstraintSpec read_constraint(const Fields& fields, bool name_required) {
  ConstraintSpec constraint;
  constraint.origin = fields.origin();
  constraint.kind = read_kind(fields);
  refuse_foreign_options(fields, constraint.kind);
  constraint.name = name_required ? fields.name("name") : fields.optional_name("name");
  const bool is_check = constraint.kind == ConstraintKind::check;
  if (!is_check || fields.find("fields")) {
    constraint.fields = read_names(fields.required("fields"), fields.describe_key("fields"));
  }
  if (is_check) {
    constraint.where = read_where(fields.required("where"), fields.describe_key("where"), false);
  }
  if (constraint.kind == ConstraintKind::foreign_key) {
    constraint.references =
        read_target(fields.required("references"), fields, constraint.fields.size());
    if (const DocumentNode* node = fields.find("onDelete")) {
      constraint.on_delete = read_action(*node, fields.describe_key("onDelete"));
    }
    if (const DocumentNode* node = fields.find("onUpdate")) {
      constraint.on_update = read_action(*node, fields.describe_key("onUpdate"));
    }
  }
  return constraint;
}

}  // namespace forge::declarative
