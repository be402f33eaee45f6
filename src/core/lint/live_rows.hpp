#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/lint/finding.hpp"
#include "core/lint/lint_model.hpp"

namespace forge::core::lint {

/// The rows a table holds in the live database, counted up to a bound; nullopt when the table
/// is not there (or cannot be read).
using RowCounter = std::function<std::optional<long long>(const std::string& table)>;

/// The most rows a RowCounter needs to count: beyond it, "more than" is all that matters.
constexpr long long k_row_count_bound = 1000000;

/// The existing tables `statement` changes, drops or empties (none for other statements).
std::vector<std::string> tables_of(const LintStatement& statement);

/// Refines the findings of `unit` with what the live database holds (`forge lint --url`): a
/// finding whose danger comes from the rows of its table (a lock held while they are scanned or
/// copied, a check that fails on them) drops to `info` when the table is empty now; every such
/// finding, and those of drops and truncations, says how many rows the table holds.
void refine_with_rows(std::vector<Finding>& findings, const LintUnit& unit, const RowCounter& rows);

}  // namespace forge::core::lint
