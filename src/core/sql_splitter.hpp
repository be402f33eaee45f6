#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/statement.hpp"

namespace forge::core {

/// Where a piece of SQL text sits in its file, so statements get absolute line numbers.
struct SqlOrigin {
  std::string file;    ///< as shown to the user
  int first_line = 1;  ///< line of the file on which `text` begins
};

/// Lines `first` to `last` (1-based, inclusive) of a file.
struct LineRange {
  int first = 0;
  int last = 0;
};

/// A statement as a split finds it: a view of the split text.
struct SplitStatement {
  std::string_view text;  ///< without its delimiter
  int line = 1;           ///< of the file, where it starts
  std::size_t consumed;   ///< offset in the split text just past it: what lies before is done
};

/// Receives each statement a split finds; returns false to stop the split.
using StatementSink = std::function<bool(const SplitStatement& statement)>;

/// Splits `text` into statements at top-level delimiters, with the lexical rules of `dialect`:
/// quotes and escapes, `--` / `#` / block comments, PostgreSQL dollar quoting, BEGIN ... END
/// bodies of triggers, functions and procedures, and the mysql client's DELIMITER lines.
/// Statements holding nothing but comments are dropped. Throws MigrationFileError at the
/// opening line of an unterminated quote, dollar quote or comment, and at the line of a NUL byte.
std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect);

/// Throws MigrationFileError at the line of the first NUL byte in `text`: the drivers take C
/// strings, so one would silently cut a statement or a declarative value short.
void refuse_nul_byte(std::string_view text, const SqlOrigin& origin);

/// split_sql, except that each of `whole` (lines of the file within `text`, in order, not
/// overlapping) is one statement as written, without a trailing `;`: goose's
/// StatementBegin/StatementEnd blocks, which the author marks because they hold SQL a client
/// must not split.
std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect,
                                 const std::vector<LineRange>& whole);

/// split_sql giving each statement to `sink` as it is found, holding none: the split of a unit
/// too large to keep in memory. Does not look for NUL bytes (the caller has). Returns false
/// when the sink stopped it.
bool split_sql_each(std::string_view text, const SqlOrigin& origin, Dialect dialect,
                    const std::vector<LineRange>& whole, const StatementSink& sink);

}  // namespace forge::core
