#pragma once
#include <optional>
#include <vector>

#include "core/lint/linter.hpp"
#include "core/unit.hpp"

namespace forge::dialect {

/// The lint model of `unit`'s up section for `dialect`: SQL units statement by statement
/// (PostgreSQL's own parser; forge's tokenizer for MySQL and SQLite), declarative units from
/// their loaded model, each statement with its column and the ignore comments written for it.
/// nullopt for a JavaScript unit, whose statements exist only as it runs. Throws
/// MigrationFileError when the unit's file cannot be read again.
std::optional<core::lint::LintUnit> lint_model_of(const core::Unit& unit, core::Dialect dialect);

/// The classified statements of `sql` (one statement as the splitter gave it) at `position`.
std::vector<core::lint::LintStatement> classify_statement(const std::string& sql,
                                                          const core::lint::Position& position,
                                                          core::Dialect dialect);

}  // namespace forge::dialect
