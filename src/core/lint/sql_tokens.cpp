#include "core/lint/sql_tokens.hpp"

#include <cctype>

namespace forge::core::lint {

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

class Tokenizer {
 public:
  Tokenizer(std::string_view sql, Dialect dialect) : m_sql(sql), m_dialect(dialect) {}

  std::vector<Token> run() {
    while (m_pos < m_sql.size()) step();
    return std::move(m_tokens);
  }

 private:
  void step() {
    const char c = m_sql[m_pos];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++m_pos;
    } else if (starts("--") || (c == '#' && m_dialect == Dialect::mysql)) {
      skip_to("\n", 0);
    } else if (starts("/*")) {
      skip_to("*/", 2);
    } else if (c == '\'') {
      quoted('\'', TokenKind::string);
    } else if (c == '"') {
      quoted('"', m_dialect == Dialect::mysql ? TokenKind::string : TokenKind::identifier);
    } else if (c == '`') {
      quoted('`', TokenKind::identifier);
    } else if (c == '[' && m_dialect == Dialect::sqlite) {
      quoted(']', TokenKind::identifier);
    } else if (is_word_char(c)) {
      word();
    } else {
      m_tokens.push_back({TokenKind::symbol, std::string(1, c), m_pos++});
    }
  }

  bool starts(std::string_view prefix) const {
    return m_sql.substr(m_pos, prefix.size()) == prefix;
  }

  void skip_to(std::string_view end, std::size_t from) {
    const auto at = m_sql.find(end, m_pos + from);
    m_pos = at == std::string_view::npos ? m_sql.size() : at + end.size();
  }

  void quoted(char close, TokenKind kind) {
    const std::size_t start = m_pos++;
    std::string text;
    while (m_pos < m_sql.size()) {
      const char c = m_sql[m_pos++];
      if (c == '\\' && close == '\'' && m_dialect == Dialect::mysql && m_pos < m_sql.size()) {
        text += m_sql[m_pos++];
      } else if (c == close && m_pos < m_sql.size() && m_sql[m_pos] == close && close != ']') {
        text += c;
        ++m_pos;
      } else if (c == close) {
        break;
      } else {
        text += c;
      }
    }
    m_tokens.push_back({kind, std::move(text), start});
  }

  void word() {
    const std::size_t start = m_pos;
    while (m_pos < m_sql.size() && is_word_char(m_sql[m_pos])) ++m_pos;
    const std::string_view text = m_sql.substr(start, m_pos - start);
    const bool number = std::isdigit(static_cast<unsigned char>(text.front()));
    m_tokens.push_back({number ? TokenKind::number : TokenKind::word,
                        number ? std::string(text) : upper(text), start});
  }

  std::string_view m_sql;
  Dialect m_dialect;
  std::size_t m_pos = 0;
  std::vector<Token> m_tokens;
};

}  // namespace

std::vector<Token> tokenize(std::string_view sql, Dialect dialect) {
  return Tokenizer(sql, dialect).run();
}

}  // namespace forge::core::lint
