#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "declarative/document.hpp"
#include "declarative/fields.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// The attributes a column may have: type, values, allowNull, defaultValue, primaryKey,
/// autoIncrement, unique, references, onDelete, onUpdate, comment.
const std::vector<std::string_view>& column_attributes();

/// Reads a column's attributes from `fields` (which may allow other options too, as addColumn's
/// do); `name_location` is where the column is named. Throws MigrationFileError for a missing or
/// bad type, a default that does not fit the type, or attributes that contradict each other.
ColumnSpec read_column(const Fields& fields, std::string name, SourceLocation name_location);

/// Reads one entry of createTable's `columns`: `name: { attributes }`, or `name: TYPE`.
ColumnSpec read_column_entry(const MapEntry& entry, std::string_view table);

/// Reads `onDelete`/`onUpdate`: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION, any case.
ReferentialAction read_action(const DocumentNode& node, std::string_view what);

}  // namespace forge::declarative
