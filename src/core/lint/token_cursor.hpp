#pragma once
#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/sql_tokens.hpp"

namespace forge::core::lint {

/// Reads a statement's tokens front to back, for the MySQL and SQLite classifier.
class TokenCursor {
 public:
  explicit TokenCursor(const std::vector<Token>& tokens, std::size_t begin = 0,
                       std::size_t end = std::string::npos)
      : m_tokens(tokens), m_pos(begin), m_end(std::min(end, tokens.size())) {}

  bool done() const noexcept { return m_pos >= m_end; }
  std::size_t position() const noexcept { return m_pos; }
  /// The token `ahead` places on, or an empty symbol past the end.
  const Token& peek(std::size_t ahead = 0) const {
    static const Token k_none{TokenKind::symbol, "", 0};
    return m_pos + ahead < m_end ? m_tokens[m_pos + ahead] : k_none;
  }
  /// True when the next token is the keyword `word` (upper case).
  bool is(std::string_view word, std::size_t ahead = 0) const {
    const Token& token = peek(ahead);
    return token.kind == TokenKind::word && token.text == word;
  }
  bool is_symbol(std::string_view symbol) const {
    return peek().kind == TokenKind::symbol && peek().text == symbol;
  }
  /// Consumes the keyword `word` when it is next.
  bool accept(std::string_view word) {
    if (!is(word)) return false;
    ++m_pos;
    return true;
  }
  /// Consumes the keywords in order when all of them are next.
  bool accept_all(std::initializer_list<std::string_view> words) {
    std::size_t ahead = 0;
    for (std::string_view word : words) {
      if (!is(word, ahead++)) return false;
    }
    m_pos += words.size();
    return true;
  }
  const Token& next() {
    const Token& token = peek();
    if (!done()) ++m_pos;
    return token;
  }
  /// A name (`a`, `"A"`, `schema.table`): the last part, lower case unless quoted.
  std::string name();
  /// Skips to the end of the current parenthesised group, or to the next `,` at this depth.
  void skip_to_comma();
  /// Skips a balanced `( ... )` when it is next.
  void skip_parens();
  /// A cursor over tokens [begin, end) of the same statement.
  TokenCursor slice(std::size_t begin, std::size_t end) const {
    return TokenCursor(m_tokens, begin, std::min(end, m_end));
  }
  /// Positions of the top-level commas between `begin` and `end`: ALTER TABLE's actions.
  std::vector<std::size_t> top_level_commas() const;

 private:
  const std::vector<Token>& m_tokens;
  std::size_t m_pos;
  std::size_t m_end;
};

}  // namespace forge::core::lint
