#pragma once
#include <string_view>
#include <vector>

#include "declarative/document.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// The operation names a unit may use, sequelize's: createTable, addColumn, ..., sql.
const std::vector<std::string_view>& operation_names();

/// Reads one item of an up or down list: a one-key map `{operation: {fields}}`. `list` names
/// the list in messages. Throws MigrationFileError for any other shape, an unknown operation
/// (naming the nearest one), or a problem in its fields.
Operation read_operation(const DocumentNode& item, std::string_view list);

}  // namespace forge::declarative
