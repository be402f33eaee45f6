#pragma once
#include <memory>

#include "core/statement.hpp"
#include "declarative/model.hpp"

namespace forge::dialect::mysql {

/// removeConstraint, written when its turn comes: MySQL drops a constraint with the clause of
/// its kind (DROP INDEX for UNIQUE, DROP FOREIGN KEY, DROP PRIMARY KEY; DROP CONSTRAINT only
/// for CHECK), and only the catalog says which kind the named one is.
std::shared_ptr<const core::LateSql> late_constraint_drop(
    const declarative::RemoveConstraint& operation);

}  // namespace forge::dialect::mysql
