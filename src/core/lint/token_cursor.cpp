#include "core/lint/token_cursor.hpp"

#include "util/strings.hpp"

namespace forge::core::lint {

namespace {
std::string name_of(const Token& token) {
  return token.kind == TokenKind::identifier ? token.text : util::to_lower(token.text);
}
}  // namespace

std::string TokenCursor::name() {
  std::string result = name_of(next());
  while (is_symbol(".") && !done()) {
    ++m_pos;
    result = name_of(next());
  }
  return result;
}

void TokenCursor::skip_parens() {
  if (!is_symbol("(")) return;
  int depth = 0;
  do {
    const Token& token = next();
    if (token.kind != TokenKind::symbol) continue;
    if (token.text == "(") ++depth;
    if (token.text == ")") --depth;
  } while (depth > 0 && !done());
}

void TokenCursor::skip_to_comma() {
  while (!done() && !is_symbol(",") && !is_symbol(")")) {
    if (is_symbol("(")) {
      skip_parens();
    } else {
      ++m_pos;
    }
  }
}

std::vector<std::size_t> TokenCursor::top_level_commas() const {
  std::vector<std::size_t> commas;
  int depth = 0;
  for (std::size_t i = m_pos; i < m_end; ++i) {
    const Token& token = m_tokens[i];
    if (token.kind != TokenKind::symbol) continue;
    if (token.text == "(") ++depth;
    if (token.text == ")") --depth;
    if (token.text == "," && depth == 0) commas.push_back(i);
  }
  return commas;
}

}  // namespace forge::core::lint
