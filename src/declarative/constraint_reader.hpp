#pragma once
#include <string_view>
#include <vector>

#include "declarative/fields.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// The options of a constraint: type, name, fields, where, references, onDelete, onUpdate.
const std::vector<std::string_view>& constraint_options();

/// Reads a constraint (sequelize's addConstraint options): `type` is unique, check,
/// foreign key or primary key (any case); `fields` the columns (optional for check); `where` the
/// check; `references: { table, column }` (or `columns: [...]`) with onDelete/onUpdate the
/// foreign key. Throws MigrationFileError for a missing `name` when `name_required`, and for an
/// option that does not belong to the type.
ConstraintSpec read_constraint(const Fields& fields, bool name_required);

}  // namespace forge::declarative
