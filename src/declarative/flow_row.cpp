// A scanner for the one shape a large bulkInsert's rows nearly always have. It takes only what it
// reads exactly as yaml-cpp does (tests/unit/declarative/flow_row_test.cpp compares the two on
// every shape it takes) and leaves the rest to yaml-cpp.
#include "declarative/flow_row.hpp"

namespace forge::declarative {

namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Characters a plain value may hold here: none of YAML's indicators, no ':' or '#'.
bool is_plain(char c) { return is_word(c) || c == '.' || c == '+' || c == '-' || c == '/'; }

bool is_null_spelling(std::string_view text) {
  return text == "null" || text == "Null" || text == "NULL";
}

class FlowRowScanner {
 public:
  FlowRowScanner(std::string_view text, const SourceLocation& at) : m_text(text), m_at(at) {}

  std::optional<DocumentNode> scan() {
    DocumentNode row;
    row.kind = DocumentNode::Kind::map;
    row.location = here();
    if (!take('{')) return std::nullopt;
    skip_spaces();
    if (peek() == '}') return std::nullopt;  // no columns: yaml-cpp's path says what is wrong
    for (;;) {
      if (!entry(row)) return std::nullopt;
      skip_spaces();
      if (take('}')) break;
      if (!take(',')) return std::nullopt;
      skip_spaces();
    }
    return rest_is_comment() ? std::optional<DocumentNode>(std::move(row)) : std::nullopt;
  }

 private:
  bool entry(DocumentNode& row) {
    MapEntry entry;
    entry.key_location = here();
    if (!key(entry.key) || row.find(entry.key) != nullptr) return false;
    if (!take(':') || peek() != ' ') return false;
    skip_spaces();
    entry.value.location = here();
    if (!value(entry.value)) return false;
    row.entries.push_back(std::move(entry));
    return true;
  }

  bool key(std::string& out) {
    if (peek() == '"') return quoted('"', out);
    const std::size_t start = m_at_char;
    while (is_word(peek())) ++m_at_char;
    out.assign(m_text.substr(start, m_at_char - start));
    // A key spelled as null is no name to yaml-cpp; one led by a digit may be a number.
    return !out.empty() && !(out[0] >= '0' && out[0] <= '9') && !is_null_spelling(out);
  }

  bool value(DocumentNode& node) {
    node.kind = DocumentNode::Kind::scalar;
    if (peek() == '\'' || peek() == '"') {
      node.quoted = true;
      return quoted(peek(), node.text);
    }
    const std::size_t start = m_at_char;
    if (!is_word(peek()) && !(is_plain(peek()) && is_word(peek(1)))) return false;
    std::size_t end = start;
    while (is_plain(peek()) || peek() == ' ') {
      if (peek() != ' ') end = m_at_char + 1;
      ++m_at_char;
    }
    node.text.assign(m_text.substr(start, end - start));
    if (is_null_spelling(node.text)) {
      node.kind = DocumentNode::Kind::null;
      node.text.clear();
    }
    return true;
  }

  // A quoted scalar on this line: '' stands for ' in single quotes; a backslash in double
  // quotes starts an escape, which yaml-cpp reads.
  bool quoted(char quote, std::string& out) {
    ++m_at_char;
    for (;;) {
      const char c = peek();
      if (c == '\0' || (quote == '"' && c == '\\')) return false;
      ++m_at_char;
      if (c != quote) {
        out += c;
      } else if (quote == '\'' && peek() == '\'') {
        out += '\'';
        ++m_at_char;
      } else {
        return true;
      }
    }
  }

  bool rest_is_comment() {
    const std::size_t before = m_at_char;
    skip_spaces();
    return peek() == '\0' || (peek() == '#' && m_at_char > before);
  }

  // The character `ahead` places on, or '\0' past the end and for every byte forge leaves to
  // yaml-cpp (control characters, tabs, non-ASCII).
  char peek(std::size_t ahead = 0) const {
    if (m_at_char + ahead >= m_text.size()) return '\0';
    const char c = m_text[m_at_char + ahead];
    return c >= ' ' && c <= '~' ? c : '\0';
  }
  bool take(char c) {
    if (peek() != c) return false;
    ++m_at_char;
    return true;
  }
  bool skip_spaces() {
    while (peek() == ' ') ++m_at_char;
    return true;
  }
  SourceLocation here() const {
    return SourceLocation{m_at.file, m_at.line, m_at.column + static_cast<int>(m_at_char)};
  }

  std::string_view m_text;
  const SourceLocation& m_at;
  std::size_t m_at_char = 0;
};

}  // namespace

std::optional<DocumentNode> read_flow_row(std::string_view text, const SourceLocation& at) {
  return FlowRowScanner(text, at).scan();
}

}  // namespace forge::declarative
