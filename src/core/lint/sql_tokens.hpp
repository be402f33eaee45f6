#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect_kind.hpp"

namespace forge::core::lint {

/// What a token is; comments and whitespace are dropped.
enum class TokenKind { word, identifier, string, number, symbol };

/// One token of a statement.
struct Token {
  TokenKind kind = TokenKind::word;
  std::string text;  ///< a word in upper case; a quoted identifier or string without its quotes
  std::size_t offset = 0;  ///< where it starts in the statement
};

/// The tokens of one statement, with `dialect`'s quoting rules: '...' strings (and MySQL's
/// backslash escapes and "..." strings), `...` / "..." / [...] identifiers, `--`, `#` (MySQL)
/// and block comments. Never throws: an unterminated quote ends at the end of the text (the
/// splitter refused those already).
std::vector<Token> tokenize(std::string_view sql, Dialect dialect);

}  // namespace forge::core::lint
