#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/lint/lint_model.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// Classifies the SQL of a `sql` operation the way the dialect's SQL units are classified.
using LintSqlReader = std::function<std::vector<core::lint::LintStatement>(
    const std::string& sql, const core::lint::Position& position)>;

/// The lint model of a loaded declarative unit's up list for `dialect`: one statement per
/// operation, at the operation's file:line:column; `sql` operations through `read_sql`.
/// On SQLite, changeColumn and removeColumn are marked as table rebuilds.
core::lint::LintUnit lint_model(const DeclarativeUnit& unit, core::Dialect dialect,
                                const LintSqlReader& read_sql);

/// "" when `unit` has no written down, or its down does the inverse of its up as forge would
/// derive it (same operations on the same tables and columns, in the same order); else what
/// differs, in a few words.
std::string down_mismatch(const DeclarativeUnit& unit);

}  // namespace forge::declarative
