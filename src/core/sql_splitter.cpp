#include "core/sql_splitter.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <limits>
#include <optional>

#include "core/errors.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

// ASCII only, as the C locale's isalpha/isalnum, without their call per byte.
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_word_start(char c) { return is_ascii_letter(c) || c == '_'; }
bool is_word_char(char c) {
  return is_ascii_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '$';
}
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Words that name the kind of object a CREATE makes; the first one found decides whether
// the statement may hold a BEGIN ... END body with inner delimiters.
bool is_compound_kind(const std::string& word) {
  return word == "TRIGGER" || word == "FUNCTION" || word == "PROCEDURE" || word == "EVENT";
}
bool is_plain_kind(const std::string& word) {
  return word == "TABLE" || word == "INDEX" || word == "VIEW" || word == "SEQUENCE" ||
         word == "SCHEMA" || word == "DATABASE" || word == "TYPE" || word == "EXTENSION" ||
         word == "DOMAIN" || word == "ROLE" || word == "USER" || word == "POLICY";
}

class Splitter {
 public:
  // `base`: where `text` sits in the text the sink's offsets count in.
  Splitter(std::string_view text, const SqlOrigin& origin, Dialect dialect,
           const StatementSink& sink, std::size_t base = 0)
      : m_text(text),
        m_origin(origin),
        m_dialect(dialect),
        m_line(origin.first_line),
        m_sink(sink),
        m_base(base) {}

  // False when the sink asked to stop.
  bool run() {
    while (m_pos < m_text.size() && !m_stopped) step();
    if (!m_stopped) finish_statement(m_text.size());
    return !m_stopped;
  }

 private:
  void step() {
    if (m_dialect == Dialect::mysql && m_start == npos && at_line_start() && try_delimiter_line()) {
      return;
    }
    const char c = m_text[m_pos];
    if (c == m_delimiter.front() && lookahead(m_delimiter)) {
      resolve_pending_end();
      // Like the mysql client, a DELIMITER-set delimiter ends the statement whatever the body.
      if (m_depth == 0 || m_delimiter != ";") {
        finish_statement(m_pos);
        m_pos += m_delimiter.size();
        return;
      }
    }
    if (is_blank(c)) {
      if (c == '\n') ++m_line;
      ++m_pos;
      return;
    }
    if (c == '-' && lookahead("--") && line_comment_allowed()) return skip_line_comment();
    if (c == '#' && m_dialect == Dialect::mysql) return skip_line_comment();
    if (c == '/' && lookahead("/*") && !(m_dialect == Dialect::mysql && lookahead("/*!"))) {
      return skip_block_comment();
    }
    mark_content();
    const bool at_body_statement_start = m_body_statement_start;
    m_body_statement_start = false;
    if (c == '\'' || c == '"' || c == '`') return skip_quoted(c, c);
    if (c == '[' && m_dialect == Dialect::sqlite) return skip_quoted('[', ']');
    if (c == '$' && m_dialect == Dialect::postgres && try_dollar_quote()) return;
    if (is_word_start(c)) return read_word(at_body_statement_start);
    if (c == '/' && lookahead("/*!")) return skip_block_comment();
    if (c == ';') m_body_statement_start = true;  // an inner statement of a body ended
    ++m_pos;                                      // not a newline: blanks were taken above
  }

  // --- low-level movement -------------------------------------------------
  static constexpr std::size_t npos = std::string_view::npos;

  bool lookahead(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }
  bool at_line_start() const { return m_pos == 0 || m_text[m_pos - 1] == '\n'; }
  void advance(std::size_t n) {
    for (std::size_t i = 0; i < n && m_pos < m_text.size(); ++i, ++m_pos) {
      if (m_text[m_pos] == '\n') ++m_line;
    }
  }
  void mark_content() {
    if (m_start == npos) {
      m_start = m_pos;
      m_start_line = m_line;
    }
  }
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw MigrationFileError(m_origin.file, line, what,
                             "Close it, or check for a stray quote earlier in the file.");
  }

  // --- comments and quotes ------------------------------------------------
  bool line_comment_allowed() const {
    // MySQL only treats "--" as a comment when a blank or the end of line follows it.
    if (m_dialect != Dialect::mysql) return true;
    return m_pos + 2 >= m_text.size() || is_blank(m_text[m_pos + 2]);
  }

  void skip_line_comment() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
  }

  void skip_block_comment() {
    const int opened_at = m_line;
    int nesting = 0;  // PostgreSQL nests block comments; the others stop at the first "*/".
    while (m_pos < m_text.size()) {
      if (lookahead("/*")) {
        ++nesting;
        advance(2);
        if (m_dialect != Dialect::postgres && nesting > 1) nesting = 1;
      } else if (lookahead("*/")) {
        advance(2);
        if (--nesting == 0) return;
      } else {
        advance(1);
      }
    }
    fail(opened_at, "unterminated block comment (/* without */)");
  }

  bool backslash_escapes(char quote) const {
    if (m_dialect == Dialect::mysql) return quote == '\'' || quote == '"';
    if (m_dialect != Dialect::postgres || quote != '\'' || m_pos == 0) return false;
    // PostgreSQL E'...' strings honour backslashes; plain '...' strings do not.
    const char before = m_text[m_pos - 1];
    const bool e_prefix = before == 'E' || before == 'e';
    return e_prefix && (m_pos < 2 || !is_word_char(m_text[m_pos - 2]));
  }

  // One tight loop: most of a large data unit's bytes are inside quotes.
  void skip_quoted(char open, char close) {
    const int opened_at = m_line;
    const bool escapes = backslash_escapes(open);
    const char* text = m_text.data();
    const std::size_t size = m_text.size();
    std::size_t pos = m_pos + 1;
    while (pos < size) {
      const char c = text[pos];
      if (c == '\n') {
        ++m_line;
        ++pos;
      } else if (escapes && c == '\\') {
        if (pos + 1 < size && text[pos + 1] == '\n') ++m_line;
        pos += 2;
      } else if (c == close) {
        if (open != close || pos + 1 >= size || text[pos + 1] != close) {
          m_pos = pos + 1;
          return;
        }
        pos += 2;  // a doubled quote stands for itself
      } else {
        ++pos;
      }
    }
    fail(opened_at, std::string("unterminated quoted text (") + open + " without " + close + ")");
  }

  bool try_dollar_quote() {
    if (m_pos > 0 && is_word_char(m_text[m_pos - 1])) return false;
    std::size_t end = m_pos + 1;
    if (end < m_text.size() && is_word_start(m_text[end])) {
      while (end < m_text.size() && is_word_char(m_text[end]) && m_text[end] != '$') ++end;
    }
    if (end >= m_text.size() || m_text[end] != '$') return false;
    const std::string tag(m_text.substr(m_pos, end - m_pos + 1));
    const int opened_at = m_line;
    advance(tag.size());
    const std::size_t close = m_text.find(tag, m_pos);
    if (close == npos) {
      fail(opened_at,
           "unterminated dollar-quoted text (" + tag + " without its closing " + tag + ")");
    }
    advance(close + tag.size() - m_pos);
    return true;
  }

  // --- words and BEGIN ... END bodies -------------------------------------
  // `at_statement_start`: only blanks and comments since the last inner `;` or BEGIN.
  void read_word(bool at_statement_start) {
    const bool qualified = m_pos > 0 && m_text[m_pos - 1] == '.';  // NEW.end is a column
    std::size_t end = m_pos;
    // `$` is a word character, so stop at a delimiter such as `$$` (as in `END$$`).
    while (end < m_text.size() && is_word_char(m_text[end]) &&
           (m_text[end] != m_delimiter.front() ||
            m_text.substr(end, m_delimiter.size()) != m_delimiter)) {
      ++end;
    }
    if (m_word_count > 0 && !m_create) {  // only a CREATE's words can open a body
      ++m_word_count;
      m_pos = end;  // a word holds no newline
      return;
    }
    std::string word(m_text.substr(m_pos, end - m_pos));
    for (auto& ch : word) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    m_pos = end;
    on_word(word, at_statement_start, qualified);
  }

  void on_word(const std::string& word, bool at_statement_start, bool qualified) {
    ++m_word_count;
    if (m_word_count == 1) {
      m_create = word == "CREATE";
      return;
    }
    if (m_create && !m_kind_known && m_word_count <= 12) {
      if (is_compound_kind(word)) m_compound = m_kind_known = true;
      if (is_plain_kind(word)) m_kind_known = true;
    }
    if (!m_compound) return;
    if (m_pending_end) {
      m_pending_end = false;
      if (word == "IF" || word == "LOOP" || word == "WHILE" || word == "REPEAT") {
        m_end_closes_case = false;
        return;
      }
      if (word == "CASE")
        m_end_closes_case = true;  // END CASE closes the CASE counted when it opened
      close_block();
      if (word == "CASE") return;
    }
    if (qualified) return;
    if (word == "BEGIN") {
      ++m_depth;
      m_body_statement_start = true;  // BEGIN END is an empty block
    } else if (word == "CASE") {
      ++m_depth;
      ++m_open_cases;
    } else if (word == "END" && (at_statement_start || m_open_cases > 0)) {
      // A block's END stands where a statement would start; a CASE expression's END after
      // an expression. Elsewhere `end` is an identifier (a column called end).
      m_pending_end = true;
      m_end_closes_case = !at_statement_start;
    }
  }

  void close_block() {
    if (m_depth > 0) --m_depth;
    if (m_end_closes_case && m_open_cases > 0) --m_open_cases;
    m_end_closes_case = false;
  }

  void resolve_pending_end() {
    if (m_pending_end) {
      m_pending_end = false;
      close_block();
    }
  }

  // --- statements and delimiters ------------------------------------------
  bool try_delimiter_line() {
    std::size_t eol = m_text.find('\n', m_pos);
    if (eol == npos) eol = m_text.size();
    std::string_view line = util::trim(m_text.substr(m_pos, eol - m_pos));
    if (!util::starts_with_nocase(line, "DELIMITER")) return false;
    // `DELIMITER` and spaces (trimmed away) is the command without its argument, not SQL.
    if (line.size() == 9) fail(m_line, "DELIMITER without a delimiter");
    if (!is_blank(line[9])) return false;
    std::string_view delimiter = util::trim(line.substr(9));
    if (delimiter.empty()) fail(m_line, "DELIMITER without a delimiter");
    m_delimiter = std::string(delimiter);
    advance(eol - m_pos);
    return true;
  }

  void finish_statement(std::size_t end) {
    if (m_start != npos) {
      std::string_view text = util::trim(m_text.substr(m_start, end - m_start));
      if (!text.empty()) {
        const std::size_t consumed = m_base + std::min(end + m_delimiter.size(), m_text.size());
        m_stopped = !m_sink(SplitStatement{text, m_start_line, consumed});
      }
    }
    m_start = npos;
    m_word_count = 0;
    m_create = m_kind_known = m_compound = m_pending_end = false;
    m_body_statement_start = m_end_closes_case = false;
    m_depth = m_open_cases = 0;
  }

  std::string_view m_text;
  const SqlOrigin& m_origin;
  Dialect m_dialect;
  std::size_t m_pos = 0;
  int m_line;
  std::string m_delimiter = ";";
  const StatementSink& m_sink;
  std::size_t m_base;
  bool m_stopped = false;
  std::size_t m_start = npos;
  int m_start_line = 0;
  int m_word_count = 0;
  bool m_create = false, m_kind_known = false, m_compound = false, m_pending_end = false;
  bool m_body_statement_start = false;  // only blanks/comments since an inner `;` or BEGIN
  bool m_end_closes_case = false;       // the pending END closes a CASE, not a block
  int m_depth = 0;
  int m_open_cases = 0;
};

}  // namespace

// The drivers take statements as C strings, so a NUL byte would silently cut one short
// (`DROP TABLE orders\0_backup` would drop orders): refuse the text before anything runs.
void refuse_nul_byte(std::string_view text, const SqlOrigin& origin) {
  const std::size_t at = text.find('\0');
  if (at == std::string_view::npos) return;
  const auto newlines = std::count(text.begin(), text.begin() + at, '\n');
  throw MigrationFileError(origin.file, origin.first_line + static_cast<int>(newlines),
                           "a NUL byte (\\0) in the unit: the database would stop reading there",
                           "Remove the NUL byte. If the file is binary rather than text, it "
                           "does not belong among the migrations.");
}

namespace {

// Walks forward through `text` (which begins on line `first_line`) to the start of given lines,
// which are asked for in order.
class LineCursor {
 public:
  LineCursor(std::string_view text, int first_line) : m_text(text), m_line(first_line) {}

  // Offset of the start of `line` (the end of the text past its last line).
  std::size_t start_of(int line) {
    while (m_line < line && m_pos < m_text.size()) {
      const std::size_t newline = m_text.find('\n', m_pos);
      m_pos = newline == std::string_view::npos ? m_text.size() : newline + 1;
      ++m_line;
    }
    return m_pos;
  }

 private:
  std::string_view m_text;
  int m_line;
  std::size_t m_pos = 0;
};

// A goose block as one statement: from its first non-blank line to the end of its last, without
// trailing blanks and one `;`. `block` is the text of its lines, starting on line `first`.
std::optional<SplitStatement> whole_statement(std::string_view block, int first,
                                              std::size_t consumed) {
  std::size_t start = 0;
  while (start < block.size()) {
    const std::size_t newline = std::min(block.find('\n', start), block.size());
    if (!util::trim(block.substr(start, newline - start)).empty()) break;
    start = newline + 1;
    ++first;
  }
  if (start >= block.size()) return std::nullopt;
  std::string_view text = block.substr(start);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (!text.empty() && text.back() == ';') text.remove_suffix(1);
  return SplitStatement{text, first, consumed};
}

}  // namespace

bool split_sql_each(std::string_view text, const SqlOrigin& origin, Dialect dialect,
                    const std::vector<LineRange>& whole, const StatementSink& sink) {
  LineCursor lines(text, origin.first_line);
  // Lines [first, last] of the text, split by the dialect's rules.
  auto split_lines = [&](int first, int last_or_end) {
    const std::size_t begin = lines.start_of(first);
    const std::size_t end = last_or_end == std::numeric_limits<int>::max()
                                ? text.size()
                                : lines.start_of(last_or_end + 1);
    if (begin >= end) return true;
    return Splitter(text.substr(begin, end - begin), SqlOrigin{origin.file, first}, dialect, sink,
                    begin)
        .run();
  };
  int next = origin.first_line;
  for (const LineRange& range : whole) {
    if (!split_lines(next, range.first - 1)) return false;
    const std::size_t begin = lines.start_of(range.first);
    const std::size_t end = lines.start_of(range.last + 1);
    if (auto statement = whole_statement(text.substr(begin, end - begin), range.first, end)) {
      if (!sink(*statement)) return false;
    }
    next = range.last + 1;
  }
  return split_lines(next, std::numeric_limits<int>::max());
}

std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect,
                                 const std::vector<LineRange>& whole) {
  refuse_nul_byte(text, origin);
  std::vector<Statement> statements;
  split_sql_each(text, origin, dialect, whole, [&](const SplitStatement& statement) {
    statements.push_back(Statement{std::string(statement.text), origin.file, statement.line});
    return true;
  });
  return statements;
}

std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect) {
  return split_sql(text, origin, dialect, {});
}

}  // namespace forge::core
