#include "core/sql_splitter.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <optional>

#include "core/errors.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

bool is_word_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
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
  Splitter(std::string_view text, const SqlOrigin& origin, Dialect dialect)
      : m_text(text), m_origin(origin), m_dialect(dialect), m_line(origin.first_line) {}

  std::vector<Statement> run() {
    while (m_pos < m_text.size()) step();
    finish_statement(m_text.size());
    return std::move(m_statements);
  }

 private:
  void step() {
    if (at_line_start() && m_start == npos && m_dialect == Dialect::mysql && try_delimiter_line()) {
      return;
    }
    if (lookahead(m_delimiter)) {
      resolve_pending_end();
      // Like the mysql client, a DELIMITER-set delimiter ends the statement whatever the body.
      if (m_depth == 0 || m_delimiter != ";") {
        finish_statement(m_pos);
        m_pos += m_delimiter.size();
        return;
      }
    }
    const char c = m_text[m_pos];
    if (is_blank(c)) return advance(1);
    if (lookahead("--") && line_comment_allowed()) return skip_line_comment();
    if (c == '#' && m_dialect == Dialect::mysql) return skip_line_comment();
    if (lookahead("/*") && !(m_dialect == Dialect::mysql && lookahead("/*!"))) {
      return skip_block_comment();
    }
    mark_content();
    const bool at_body_statement_start = m_body_statement_start;
    m_body_statement_start = false;
    if (c == '\'' || c == '"' || c == '`') return skip_quoted(c, c);
    if (c == '[' && m_dialect == Dialect::sqlite) return skip_quoted('[', ']');
    if (c == '$' && m_dialect == Dialect::postgres && try_dollar_quote()) return;
    if (is_word_start(c)) return read_word(at_body_statement_start);
    if (lookahead("/*!")) return skip_block_comment();
    if (c == ';') m_body_statement_start = true;  // an inner statement of a body ended
    advance(1);
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

  void skip_quoted(char open, char close) {
    const int opened_at = m_line;
    const bool escapes = backslash_escapes(open);
    advance(1);
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (escapes && c == '\\') {
        advance(2);
      } else if (c == close && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == close &&
                 open == close) {
        advance(2);  // a doubled quote stands for itself
      } else if (c == close) {
        advance(1);
        return;
      } else {
        advance(1);
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
           m_text.substr(end, m_delimiter.size()) != m_delimiter) {
      ++end;
    }
    std::string word(m_text.substr(m_pos, end - m_pos));
    for (auto& ch : word) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    advance(end - m_pos);
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
        m_statements.push_back(Statement{std::string(text), m_origin.file, m_start_line});
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
  std::vector<Statement> m_statements;
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

std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect) {
  refuse_nul_byte(text, origin);
  return Splitter(text, origin, dialect).run();
}

namespace {

// Lines `first` to `last` of the file, out of `lines` (the text from `origin.first_line` on).
std::string file_lines(const std::vector<std::string>& lines, const SqlOrigin& origin, int first,
                       int last) {
  std::string text;
  for (int line = first; line <= last; ++line) {
    const auto index = static_cast<std::size_t>(line - origin.first_line);
    if (index >= lines.size()) break;
    if (line > first) text += '\n';
    text += lines[index];
  }
  return text;
}

// A block as one statement: from its first non-blank line, without trailing blanks and `;`.
std::optional<Statement> whole_statement(const std::vector<std::string>& lines,
                                         const SqlOrigin& origin, const LineRange& range) {
  int first = range.first;
  while (first <= range.last && util::trim(file_lines(lines, origin, first, first)).empty())
    ++first;
  if (first > range.last) return std::nullopt;
  std::string text = file_lines(lines, origin, first, range.last);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  if (!text.empty() && text.back() == ';') text.pop_back();
  return Statement{std::move(text), origin.file, first, nullptr};
}

}  // namespace

std::vector<Statement> split_sql(std::string_view text, const SqlOrigin& origin, Dialect dialect,
                                 const std::vector<LineRange>& whole) {
  if (whole.empty()) return split_sql(text, origin, dialect);
  refuse_nul_byte(text, origin);
  const std::vector<std::string> lines = util::split(text, '\n');
  const int end = origin.first_line + static_cast<int>(lines.size()) - 1;
  std::vector<Statement> statements;
  auto split_lines = [&](int first, int last) {
    if (first > last) return;
    auto part =
        Splitter(file_lines(lines, origin, first, last), SqlOrigin{origin.file, first}, dialect)
            .run();
    std::move(part.begin(), part.end(), std::back_inserter(statements));
  };
  int next = origin.first_line;
  for (const LineRange& range : whole) {
    split_lines(next, range.first - 1);
    if (auto statement = whole_statement(lines, origin, range)) {
      statements.push_back(std::move(*statement));
    }
    next = range.last + 1;
  }
  split_lines(next, end);
  return statements;
}

}  // namespace forge::core
