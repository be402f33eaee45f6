#pragma once
#include <string_view>

#include "declarative/document.hpp"
#include "declarative/where.hpp"

namespace forge::declarative {

/// Reads a `where` map: `column: value`, `column: null`, `column: [list]`, or
/// `column: { operator: operand, ... }` with sequelize's operators. `what` names it in messages.
/// Throws MigrationFileError for an unknown operator, an operand of the wrong shape, `and`/`or`
/// (not supported: keys are ANDed), or an empty map unless `allow_empty`.
Where read_where(const DocumentNode& node, std::string_view what, bool allow_empty);

}  // namespace forge::declarative
