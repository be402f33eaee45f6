#pragma once
#include <memory>

#include "core/statement.hpp"
#include "declarative/model.hpp"

namespace forge::dialect::sqlite {

/// A table rebuild (changeColumn, removeColumn, constraints, ...) whose SQL is written when its
/// turn comes, from the table's definition in the SqliteConnection it runs on: the unit's
/// earlier operations may have changed that table.
std::shared_ptr<const core::LateSql> late_rebuild(const declarative::Operation& operation);

}  // namespace forge::dialect::sqlite
