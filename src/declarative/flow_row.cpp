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

  bool scan(DocumentNode& row) {
    row.kind = DocumentNode::Kind::map;
    row.text.clear();
    row.quoted = false;
    row.items.clear();
    place(row.location);
    if (!take('{')) return false;
    skip_spaces();
    if (peek() == '}') return false;  // no columns: yaml-cpp's path says what is wrong
    std::size_t count = 0;
    for (;;) {
      if (count == row.entries.size()) row.entries.emplace_back();
      if (!entry(row, count++)) return false;
      skip_spaces();
      if (take('}')) break;
      if (!take(',')) return false;
      skip_spaces();
    }
    row.entries.resize(count);
    return rest_is_comment();
  }

 private:
  // Reads entry `index` of `row` into its place, refusing a key written before it.
  bool entry(DocumentNode& row, std::size_t index) {
    MapEntry& entry = row.entries[index];
    place(entry.key_location);
    if (!key(entry.key)) return false;
    for (std::size_t i = 0; i < index; ++i) {
      if (row.entries[i].key == entry.key) return false;
    }
    if (!take(':') || peek() != ' ') return false;
    skip_spaces();
    DocumentNode& value = entry.value;
    value.items.clear();
    value.entries.clear();
    place(value.location);
    return this->value(value);
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
    node.quoted = peek() == '\'' || peek() == '"';
    if (node.quoted) return quoted(peek(), node.text);
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
    out.clear();
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
  void skip_spaces() {
    while (peek() == ' ') ++m_at_char;
  }
  // Sets `location` to here; assigning the file name reuses the string's storage.
  void place(SourceLocation& location) const {
    location.file = m_at.file;
    location.line = m_at.line;
    location.column = m_at.column + static_cast<int>(m_at_char);
  }

  std::string_view m_text;
  const SourceLocation& m_at;
  std::size_t m_at_char = 0;
};

}  // namespace

bool read_flow_row(std::string_view text, const SourceLocation& at, DocumentNode& row) {
  return FlowRowScanner(text, at).scan(row);
}

}  // namespace forge::declarative
