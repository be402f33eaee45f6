#include "dialect/postgres/concurrent_index.hpp"

#include <cctype>
#include <vector>

#include "util/strings.hpp"

namespace forge::dialect::postgres {

namespace {

constexpr std::size_t k_max_identifier_bytes = 63;  // NAMEDATALEN - 1
constexpr std::size_t k_leading_tokens = 48;        // far more than any statement head needs

// One lexical token of the statement's head. Words are identifiers or keywords; anything else
// is a single character (`.`, `(`, `,` ...).
struct Token {
  std::string text;  // unquoted words lower-cased, quoted ones as written, without the quotes
  bool word = false;
  bool quoted = false;
};

bool word_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool word_part(char c) {
  return word_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

// PostgreSQL cuts a longer identifier to 63 bytes, never inside a UTF-8 character.
std::string truncated(std::string name) {
  if (name.size() <= k_max_identifier_bytes) return name;
  std::size_t end = k_max_identifier_bytes;
  while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
  name.resize(end);
  return name;
}

// Splits the start of a statement into tokens, skipping blanks and (nested) comments.
class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  std::vector<Token> tokens(std::size_t limit) {
    std::vector<Token> out;
    while (out.size() < limit && skip_blanks_and_comments()) out.push_back(next());
    return out;
  }

 private:
  bool at(std::string_view what) const { return m_text.substr(m_pos, what.size()) == what; }

  // False at the end of the text (or inside an unterminated comment).
  bool skip_blanks_and_comments() {
    for (;;) {
      while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) {
        ++m_pos;
      }
      if (at("--")) {
        const auto end = m_text.find('\n', m_pos);
        m_pos = end == std::string_view::npos ? m_text.size() : end;
      } else if (at("/*")) {
        skip_block_comment();
      } else {
        return m_pos < m_text.size();
      }
    }
  }

  void skip_block_comment() {
    int depth = 0;
    while (m_pos < m_text.size()) {
      if (at("/*")) {
        ++depth;
        m_pos += 2;
      } else if (at("*/")) {
        m_pos += 2;
        if (--depth == 0) return;
      } else {
        ++m_pos;
      }
    }
  }

  Token next() {
    const char c = m_text[m_pos];
    if (c == '"') return quoted_word();
    if (!word_start(c)) return Token{std::string(1, m_text[m_pos++]), false, false};
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && word_part(m_text[m_pos])) ++m_pos;
    return Token{truncated(util::to_lower(m_text.substr(start, m_pos - start))), true, false};
  }

  Token quoted_word() {
    std::string text;
    for (++m_pos; m_pos < m_text.size(); ++m_pos) {
      if (m_text[m_pos] == '"') {
        if (!at("\"\"")) break;
        ++m_pos;  // "" inside quotes is one "
      }
      text += m_text[m_pos];
    }
    ++m_pos;  // the closing quote
    return Token{truncated(std::move(text)), true, true};
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

// Walks the tokens of one statement head.
class Parser {
 public:
  explicit Parser(std::string_view statement)
      : m_tokens(Lexer(statement).tokens(k_leading_tokens)) {}

  // Consumes the next token when it is the unquoted keyword `word`.
  bool keyword(std::string_view word) {
    if (m_pos >= m_tokens.size() || !m_tokens[m_pos].word || m_tokens[m_pos].quoted ||
        m_tokens[m_pos].text != word) {
      return false;
    }
    ++m_pos;
    return true;
  }

  bool punctuation(char c) {
    if (m_pos >= m_tokens.size() || m_tokens[m_pos].word || m_tokens[m_pos].text[0] != c) {
      return false;
    }
    ++m_pos;
    return true;
  }

  bool peek_keyword(std::string_view word) const {
    return m_pos < m_tokens.size() && m_tokens[m_pos].word && !m_tokens[m_pos].quoted &&
           m_tokens[m_pos].text == word;
  }

  std::optional<std::string> identifier() {
    if (m_pos >= m_tokens.size() || !m_tokens[m_pos].word) return std::nullopt;
    return m_tokens[m_pos++].text;
  }

  // `name`, `schema.name` or `database.schema.name` (the database part is dropped).
  std::optional<RelationName> relation() {
    std::vector<std::string> parts;
    do {
      auto part = identifier();
      if (!part) return std::nullopt;
      parts.push_back(std::move(*part));
    } while (parts.size() < 3 && punctuation('.'));
    RelationName name;
    name.name = parts.back();
    if (parts.size() > 1) name.schema = parts[parts.size() - 2];
    return name;
  }

  // A parenthesised option list `(CONCURRENTLY [true|false], VERBOSE, ...)`, consumed; true
  // when it turns CONCURRENTLY on.
  bool options_say_concurrently() {
    bool concurrently = false;
    while (m_pos < m_tokens.size() && !punctuation(')')) {
      if (keyword("concurrently")) {
        concurrently = !(keyword("false") || keyword("off") || keyword("no") || peek_zero());
      } else {
        ++m_pos;
      }
    }
    return concurrently;
  }

 private:
  bool peek_zero() const { return m_pos < m_tokens.size() && m_tokens[m_pos].text == "0"; }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

// After CREATE: [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON [ONLY] table.
std::optional<ConcurrentIndexBuild> create_index(Parser& parser) {
  parser.keyword("unique");
  if (!parser.keyword("index") || !parser.keyword("concurrently")) return std::nullopt;
  if (parser.keyword("if") && !(parser.keyword("not") && parser.keyword("exists"))) {
    return std::nullopt;
  }
  if (parser.peek_keyword("on")) return std::nullopt;  // no name: the server picks a free one
  auto index = parser.identifier();
  if (!index || !parser.keyword("on")) return std::nullopt;
  parser.keyword("only");
  auto table = parser.relation();
  if (!table) return std::nullopt;
  return ConcurrentIndexBuild{ConcurrentIndexBuild::Kind::create_index, *index, *table};
}

// After REINDEX: [(options)] {INDEX | TABLE} [CONCURRENTLY] name.
std::optional<ConcurrentIndexBuild> reindex(Parser& parser) {
  bool concurrently = parser.punctuation('(') && parser.options_say_concurrently();
  ConcurrentIndexBuild build;
  if (parser.keyword("index")) {
    build.kind = ConcurrentIndexBuild::Kind::reindex_index;
  } else if (parser.keyword("table")) {
    build.kind = ConcurrentIndexBuild::Kind::reindex_table;
  } else {
    return std::nullopt;  // SCHEMA, DATABASE, SYSTEM: too wide to clean up after
  }
  if (parser.keyword("concurrently")) concurrently = true;
  auto relation = parser.relation();
  if (!concurrently || !relation) return std::nullopt;
  build.relation = *relation;
  return build;
}

// `text` as a literal in a POSIX regular expression.
std::string regex_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// The table a leftover sits on is the build's relation, or for REINDEX INDEX the index's table.
const char* k_leftovers_sql =
    "SELECT format('%I.%I', n.nspname, c.relname) "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE NOT i.indisvalid AND c.relname::text ~ $2 AND i.indrelid = {table} "
    "AND NOT EXISTS (SELECT 1 FROM pg_stat_progress_create_index p "
    "WHERE p.relid = i.indrelid AND p.pid <> pg_backend_pid()) "
    "ORDER BY c.relname";

}  // namespace

std::string RelationName::quoted() const {
  auto quote = [](const std::string& part) {
    std::string out = "\"";
    for (char c : part) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
  };
  return schema.empty() ? quote(name) : quote(schema) + "." + quote(name);
}

std::optional<ConcurrentIndexBuild> concurrent_index_build(std::string_view statement) {
  Parser parser(statement);
  if (parser.keyword("create")) return create_index(parser);
  if (parser.keyword("reindex")) return reindex(parser);
  return std::nullopt;
}

LeftoverQuery leftover_indexes_query(const ConcurrentIndexBuild& build) {
  using Kind = ConcurrentIndexBuild::Kind;
  const char* copies = "_cc(new|old)[0-9]*$";
  LeftoverQuery query;
  query.relation = build.relation.quoted();
  std::string table = "to_regclass($1)";
  if (build.kind == Kind::create_index) {
    query.name_pattern = "^" + regex_literal(build.index) + "$";
  } else if (build.kind == Kind::reindex_index) {
    query.name_pattern = "^" + regex_literal(build.relation.name) + copies;
    table = "(SELECT x.indrelid FROM pg_index x WHERE x.indexrelid = to_regclass($1))";
  } else {
    query.name_pattern = copies;
  }
  query.sql = k_leftovers_sql;
  query.sql.replace(query.sql.find("{table}"), 7, table);
  return query;
}

}  // namespace forge::dialect::postgres
