#include "declarative/inverse.hpp"

namespace forge::declarative {

namespace {

// One row's values as a where that matches exactly that row (null → IS NULL).
Where where_matching(const BulkInsert& insert, const Row& row) {
  Where where{{}, row.location};
  for (std::size_t i = 0; i < insert.columns.size(); ++i) {
    const Value& value = row.values[i];
    const WhereOperator op = value.is_null() ? WhereOperator::is : WhereOperator::eq;
    where.conditions.push_back(Condition{insert.columns[i], op, {value}, value.location});
  }
  return where;
}

void append_bulk_deletes(const BulkInsert& insert, std::vector<Operation>& out) {
  for (auto row = insert.rows.rbegin(); row != insert.rows.rend(); ++row) {
    out.push_back(BulkDelete{insert.origin, insert.table, where_matching(insert, *row)});
  }
}

// Why `operation` has no inverse; nullopt when it has one.
std::optional<std::string> why_irreversible(const Operation& operation) {
  if (std::holds_alternative<DropTable>(operation)) {
    return "the dropped table's columns and rows are not in the unit";
  }
  if (std::holds_alternative<RemoveColumn>(operation)) {
    return "the removed column's definition and values are not in the unit";
  }
  if (std::holds_alternative<ChangeColumn>(operation)) {
    return "the column's previous definition is not in the unit";
  }
  if (std::holds_alternative<BulkDelete>(operation)) return "the deleted rows are not in the unit";
  if (std::holds_alternative<RemoveIndex>(operation)) {
    return "the removed index's definition is not in the unit";
  }
  if (std::holds_alternative<RemoveConstraint>(operation)) {
    return "the removed constraint's definition is not in the unit";
  }
  if (std::holds_alternative<RawSql>(operation)) return "forge cannot know what raw SQL changed";
  return std::nullopt;
}

// Appends the inverse of a reversible `operation`.
void append_inverse(const Operation& operation, std::vector<Operation>& out) {
  if (const auto* op = std::get_if<CreateTable>(&operation)) {
    out.push_back(DropTable{op->origin, op->table});
  } else if (const auto* op = std::get_if<RenameTable>(&operation)) {
    out.push_back(RenameTable{op->origin, op->to, op->from});
  } else if (const auto* op = std::get_if<AddColumn>(&operation)) {
    out.push_back(RemoveColumn{op->origin, op->table, op->column.name});
  } else if (const auto* op = std::get_if<RenameColumn>(&operation)) {
    out.push_back(RenameColumn{op->origin, op->table, op->to, op->from});
  } else if (const auto* op = std::get_if<AddIndex>(&operation)) {
    out.push_back(RemoveIndex{op->origin, op->table, op->name});
  } else if (const auto* op = std::get_if<AddConstraint>(&operation)) {
    out.push_back(RemoveConstraint{op->origin, op->table, op->constraint.name.value_or("")});
  } else if (const auto* op = std::get_if<BulkInsert>(&operation)) {
    append_bulk_deletes(*op, out);
  }
}

// True when the index `up[at]` adds is on a table the unit created before it (and did not
// rename since): the derived dropTable removes the index with its table, and removing it first
// could be refused (InnoDB keeps an index a foreign key needs, as after sequelize's addIndex).
bool dropped_with_its_table(const std::vector<Operation>& up, std::size_t at) {
  const auto* index = std::get_if<AddIndex>(&up[at]);
  if (!index) return false;
  for (std::size_t i = at; i-- > 0;) {
    if (const auto* rename = std::get_if<RenameTable>(&up[i]))
      if (rename->from == index->table || rename->to == index->table) return false;
    if (const auto* create = std::get_if<CreateTable>(&up[i]))
      if (create->table == index->table) return true;
  }
  return false;
}

}  // namespace

DerivedDown derive_down(const std::vector<Operation>& up) {
  DerivedDown derived;
  for (const Operation& operation : up) {
    if (const std::optional<std::string> reason = why_irreversible(operation)) {
      derived.irreversible = IrreversibleOperation{std::string(operation_name(operation)),
                                                   origin_of(operation).location, *reason};
      return derived;
    }
  }
  for (std::size_t i = up.size(); i-- > 0;) {
    if (!dropped_with_its_table(up, i)) append_inverse(up[i], derived.operations);
  }
  return derived;
}

std::string describe(const IrreversibleOperation& irreversible) {
  return to_string(irreversible.location) + ": " + irreversible.operation +
         " cannot be undone automatically: " + irreversible.reason +
         "; write a down list for this unit";
}

}  // namespace forge::declarative
