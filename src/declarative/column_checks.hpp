#pragma once
#include "declarative/model.hpp"

namespace forge::declarative {

/// Refuses a column whose attributes cannot work together: a default that does not fit the
/// type (or null on a NOT NULL column), a nullable primary key, autoIncrement on a non-integer
/// or beside a default, onDelete/onUpdate without references, SET NULL on a NOT NULL column.
/// Throws MigrationFileError at the attribute at fault.
void check_column(const ColumnSpec& column);

}  // namespace forge::declarative
