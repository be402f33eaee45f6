#include "declarative/model.hpp"

#include <array>

namespace forge::declarative {

namespace {
// In the order of the Operation variant's alternatives.
constexpr std::array<std::string_view, 14> k_operation_names{
    "createTable",      "dropTable",    "renameTable", "addColumn",   "removeColumn",
    "renameColumn",     "changeColumn", "addIndex",    "removeIndex", "addConstraint",
    "removeConstraint", "bulkInsert",   "bulkDelete",  "sql"};
static_assert(k_operation_names.size() == std::variant_size_v<Operation>);
}  // namespace

std::string_view operation_name(const Operation& operation) {
  return k_operation_names[operation.index()];
}

const Origin& origin_of(const Operation& operation) {
  return std::visit([](const auto& op) -> const Origin& { return op.origin; }, operation);
}

std::string_view action_name(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::cascade:
      return "CASCADE";
    case ReferentialAction::set_null:
      return "SET NULL";
    case ReferentialAction::set_default:
      return "SET DEFAULT";
    case ReferentialAction::restrict:
      return "RESTRICT";
    case ReferentialAction::no_action:
      return "NO ACTION";
  }
  return "NO ACTION";
}

std::string_view constraint_kind_name(ConstraintKind kind) {
  switch (kind) {
    case ConstraintKind::unique:
      return "unique";
    case ConstraintKind::check:
      return "check";
    case ConstraintKind::foreign_key:
      return "foreign key";
    case ConstraintKind::primary_key:
      return "primary key";
  }
  return "unique";
}

std::string_view index_method_name(IndexMethod method) {
  switch (method) {
    case IndexMethod::btree:
      return "BTREE";
    case IndexMethod::hash:
      return "HASH";
    case IndexMethod::gist:
      return "GIST";
    case IndexMethod::spgist:
      return "SPGIST";
    case IndexMethod::gin:
      return "GIN";
    case IndexMethod::brin:
      return "BRIN";
  }
  return "BTREE";
}

}  // namespace forge::declarative
