#pragma once
#include "core/statement.hpp"

#include <vector>

namespace forge::core {

/// True for BEGIN / START TRANSACTION / COMMIT / END / ROLLBACK: statements with which a file
/// manages its own transaction (common in sets written for golang-migrate).
bool is_transaction_control(const Statement& statement);
/// True when any of `statements` is transaction control.
bool manages_own_transaction(const std::vector<Statement>& statements);

}  // namespace forge::core
