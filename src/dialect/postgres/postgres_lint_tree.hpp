#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/lint/lint_model.hpp"

namespace forge::dialect::postgres {

/// The lint shape of one statement node of libpg_query's JSON tree (`{"AlterTableStmt": ...}`).
core::lint::StatementShape classify_node(const nlohmann::json& node);
/// Every string constant (A_Const's `sval`) anywhere under `node`.
std::vector<std::string> string_constants(const nlohmann::json& node);

}  // namespace forge::dialect::postgres
