#pragma once
#include <string_view>
#include <vector>

#include "core/lint/lint_model.hpp"

namespace forge::dialect::postgres {

/// One statement as PostgreSQL's own parser (libpg_query) reads it.
struct ParsedStatement {
  core::lint::StatementShape shape;
  std::vector<std::string> literals;  ///< every string constant in it
};

/// Parses `sql` (one statement as forge split it; a goose block may hold several) with
/// PostgreSQL's parser and classifies each statement; a syntax error gives one Unparsed shape
/// with the parser's message and offset. Never throws.
std::vector<ParsedStatement> parse_for_lint(std::string_view sql);

}  // namespace forge::dialect::postgres
