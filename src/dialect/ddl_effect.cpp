#include "dialect/ddl_effect.hpp"

#include <cctype>
#include <optional>

#include "util/strings.hpp"

namespace forge::dialect {

namespace {

/// One lexical token: a word or quoted identifier (`quoted` tells which), or one punctuation
/// character. String literals and comments are skipped: no check needs them.
struct Token {
  std::string text;
  bool quoted = false;
  bool word = false;
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

std::size_t skip_comment(std::string_view text, std::size_t i, core::Dialect dialect) {
  if (text.compare(i, 2, "--") == 0 || (dialect == core::Dialect::mysql && text[i] == '#')) {
    const auto end = text.find('\n', i);
    return end == std::string_view::npos ? text.size() : end + 1;
  }
  if (text.compare(i, 2, "/*") == 0) {
    const auto end = text.find("*/", i + 2);
    return end == std::string_view::npos ? text.size() : end + 2;
  }
  return i;
}

// A quoted run starting at `i` (its quote doubled inside stands for itself); returns its end.
std::size_t read_quoted(std::string_view text, std::size_t i, std::string& out) {
  const char quote = text[i++];
  while (i < text.size()) {
    if (text[i] == quote && (i + 1 >= text.size() || text[i + 1] != quote)) return i + 1;
    if (text[i] == quote) ++i;
    out += text[i++];
  }
  return i;
}

std::vector<Token> tokenize(std::string_view text, core::Dialect dialect) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t after_comment = skip_comment(text, i, dialect);
    if (after_comment != i) {
      i = after_comment;
    } else if (std::isspace(static_cast<unsigned char>(text[i]))) {
      ++i;
    } else if (text[i] == '\'') {
      std::string ignored;
      i = read_quoted(text, i, ignored);
    } else if (text[i] == '"' || text[i] == '`') {
      Token token{"", true, true};
      i = read_quoted(text, i, token.text);
      tokens.push_back(std::move(token));
    } else if (is_word_char(text[i])) {
      const std::size_t start = i;
      while (i < text.size() && is_word_char(text[i])) ++i;
      tokens.push_back(Token{std::string(text.substr(start, i - start)), false, true});
    } else {
      tokens.push_back(Token{std::string(1, text[i++]), false, false});
    }
  }
  return tokens;
}

/// Walks the tokens of one statement.
class Reader {
 public:
  Reader(std::vector<Token> tokens, core::Dialect dialect)
      : m_tokens(std::move(tokens)), m_dialect(dialect) {}

  bool at_end() const { return m_at >= m_tokens.size(); }
  /// Whether the next token is the keyword `word` (never a quoted identifier).
  bool peek(std::string_view word) const {
    return !at_end() && !m_tokens[m_at].quoted && m_tokens[m_at].word &&
           util::to_lower(m_tokens[m_at].text) == word;
  }
  bool peek_char(char c) const { return !at_end() && m_tokens[m_at].text == std::string(1, c); }
  /// Consumes `word` when it is next.
  bool take(std::string_view word) {
    if (!peek(word)) return false;
    ++m_at;
    return true;
  }
  bool take_char(char c) {
    if (!peek_char(c)) return false;
    ++m_at;
    return true;
  }
  /// Consumes the words of `phrase` ("if not exists") when all of them come next.
  bool take_phrase(std::initializer_list<std::string_view> phrase) {
    const std::size_t start = m_at;
    for (auto word : phrase) {
      if (!take(word)) {
        m_at = start;
        return false;
      }
    }
    return true;
  }
  /// One identifier as the database stores it; nullopt when the next token is none.
  std::optional<std::string> identifier() {
    if (at_end() || !m_tokens[m_at].word) return std::nullopt;
    const Token& token = m_tokens[m_at++];
    if (token.quoted || m_dialect != core::Dialect::postgres) return token.text;
    return util::to_lower(token.text);
  }
  /// `schema.name` or `name`, as {schema, name}.
  std::optional<std::pair<std::string, std::string>> qualified_name() {
    auto first = identifier();
    if (!first) return std::nullopt;
    if (!take_char('.')) return std::make_pair(std::string(), *first);
    auto second = identifier();
    if (!second) return std::nullopt;
    return std::make_pair(*first, *second);
  }
  /// Skips to just after the next comma at parenthesis depth 0, or to the end; true at a comma.
  bool skip_clause() {
    int depth = 0;
    while (!at_end()) {
      const std::string& text = m_tokens[m_at++].text;
      if (text == "(") ++depth;
      if (text == ")") --depth;
      if (text == "," && depth == 0) return true;
    }
    return false;
  }
  /// Whether the keyword `word` comes before the end of the current clause (a comma at
  /// parenthesis depth 0, or the end); consumes nothing.
  bool clause_has(std::string_view word) const {
    int depth = 0;
    for (std::size_t at = m_at; at < m_tokens.size(); ++at) {
      const Token& token = m_tokens[at];
      if (token.text == "(") ++depth;
      if (token.text == ")") --depth;
      if (token.text == "," && depth == 0) return false;
      if (token.word && !token.quoted && util::to_lower(token.text) == word) return true;
    }
    return false;
  }
  /// Skips tokens until `word` has been consumed, looking at most `limit` tokens ahead.
  bool skip_past(std::string_view word, std::size_t limit) {
    for (std::size_t seen = 0; seen < limit && !at_end(); ++seen) {
      if (take(word)) return true;
      ++m_at;
    }
    return false;
  }

 private:
  std::vector<Token> m_tokens;
  std::size_t m_at = 0;
  core::Dialect m_dialect;
};

using Name = std::pair<std::string, std::string>;  // schema, name
using Kind = CatalogObject::Kind;

EffectCheck table_check(const Name& table, bool present_after) {
  return EffectCheck{CatalogObject{Kind::table, table.first, table.second, ""}, present_after};
}

EffectCheck part_check(Kind kind, const Name& table, std::string name, bool present_after) {
  return EffectCheck{CatalogObject{kind, table.first, table.second, std::move(name)},
                     present_after};
}

// The effect when every check must hold, or none when any part could not be read.
ExpectedEffect all_of(std::vector<EffectCheck> checks, bool complete) {
  ExpectedEffect effect;
  if (complete) effect.checks = std::move(checks);
  return effect;
}

ExpectedEffect repeatable() {
  ExpectedEffect effect;
  effect.repeatable = true;
  return effect;
}

// CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON [ONLY] table
ExpectedEffect create_index(Reader& in) {
  in.take("concurrently");
  if (in.take_phrase({"if", "not", "exists"})) return repeatable();
  const auto index = in.identifier();
  if (!index || !in.take("on")) return {};
  in.take("only");
  const auto table = in.qualified_name();
  if (!table) return {};
  return all_of({part_check(Kind::index, *table, *index, true)}, true);
}

// CREATE [OR REPLACE] [TEMPORARY] TABLE|VIEW ... / CREATE ... INDEX
ExpectedEffect create(Reader& in) {
  if (in.take_phrase({"or", "replace"})) return repeatable();
  in.take("unique") || in.take("fulltext") || in.take("spatial");
  if (in.take("index")) return create_index(in);
  in.take("temporary") || in.take("temp");
  in.take("materialized");
  if (!in.take("table") && !in.skip_past("view", 12)) return {};
  if (in.take_phrase({"if", "not", "exists"})) return repeatable();
  const auto name = in.qualified_name();
  if (!name) return {};
  return all_of({table_check(*name, true)}, true);
}

// DROP TABLE|VIEW [IF EXISTS] a, b ... / DROP INDEX [CONCURRENTLY] [IF EXISTS] name [ON table]
ExpectedEffect drop(Reader& in) {
  in.take("temporary");
  in.take("materialized");
  const bool index = in.take("index");
  if (!index && !in.take("table") && !in.take("view")) return {};
  if (index) in.take("concurrently");
  if (in.take_phrase({"if", "exists"})) return repeatable();
  std::vector<EffectCheck> checks;
  do {
    const auto name = in.qualified_name();
    if (!name) return {};
    if (!index) checks.push_back(table_check(*name, false));
    if (index && in.take("on")) {  // MySQL names the table
      const auto table = in.qualified_name();
      if (!table) return {};
      checks.push_back(part_check(Kind::index, *table, name->second, false));
    } else if (index) {  // PostgreSQL: an index is a relation of its schema
      checks.push_back(part_check(Kind::index, Name{name->first, ""}, name->second, false));
    }
  } while (in.take_char(','));
  return all_of(std::move(checks), in.at_end() || in.peek("cascade") || in.peek("restrict"));
}

// ADD [COLUMN] ... / ADD INDEX|KEY|UNIQUE ... name / ADD CONSTRAINT name ...
std::optional<EffectCheck> alter_add(Reader& in, const Name& table) {
  if (in.take("constraint")) {
    const auto name = in.identifier();
    if (!name) return std::nullopt;
    return part_check(Kind::constraint, table, *name, true);
  }
  if (in.peek("primary") || in.peek("foreign") || in.peek("check")) return std::nullopt;
  const bool unique = in.take("unique");
  if (in.take("index") || in.take("key") || unique || in.take("fulltext") || in.take("spatial")) {
    in.take("index") || in.take("key");
    const auto name = in.identifier();
    if (!name) return std::nullopt;
    return part_check(Kind::index, table, *name, true);
  }
  in.take("column");
  if (in.take_phrase({"if", "not", "exists"})) return std::nullopt;
  const auto column = in.identifier();
  if (!column) return std::nullopt;
  return part_check(Kind::column, table, *column, true);
}

// DROP [COLUMN] name / DROP INDEX|KEY name / DROP CONSTRAINT|FOREIGN KEY name
std::optional<EffectCheck> alter_drop(Reader& in, const Name& table) {
  Kind kind = Kind::column;
  if (in.take("index") || in.take("key")) {
    kind = Kind::index;
  } else if (in.take("constraint") || in.take_phrase({"foreign", "key"})) {
    kind = Kind::constraint;
  } else if (in.peek("primary") || in.peek("check")) {
    return std::nullopt;
  } else {
    in.take("column");
  }
  if (in.take_phrase({"if", "exists"})) return std::nullopt;
  const auto name = in.identifier();
  if (!name) return std::nullopt;
  return part_check(kind, table, *name, false);
}

// RENAME [TO|AS] new / RENAME [COLUMN] a TO b / RENAME INDEX|KEY a TO b: pushes what the
// old name no longer has, returns what the new one has. A table rename also renames `table`.
std::optional<EffectCheck> alter_rename(Reader& in, Name& table, std::vector<EffectCheck>& checks) {
  const bool to_table = in.take("to") || in.take("as");
  Kind kind = Kind::column;
  if (!to_table && (in.take("index") || in.take("key"))) kind = Kind::index;
  if (!to_table && kind == Kind::column) in.take("column");
  const auto first = to_table ? in.qualified_name() : std::optional<Name>();
  const auto from = to_table ? std::optional<std::string>() : in.identifier();
  if (!to_table && from && !in.take("to")) {  // MySQL's RENAME new_name
    checks.push_back(table_check(table, false));
    table = Name{table.first, *from};
    return table_check(table, true);
  }
  if (to_table) {
    if (!first) return std::nullopt;
    checks.push_back(table_check(table, false));
    table = Name{first->first.empty() ? table.first : first->first, first->second};
    return table_check(table, true);
  }
  const auto to = in.identifier();
  if (!from || !to || *to == *from) return std::nullopt;
  checks.push_back(part_check(kind, table, *from, false));
  return part_check(kind, table, *to, true);
}

// One ALTER TABLE action into `checks`; false when it cannot be checked.
bool alter_action(Reader& in, Name& table, std::vector<EffectCheck>& checks) {
  // MySQL's ALGORITHM= and LOCK= say how, not what: nothing to check.
  if (in.take("algorithm") || in.take("lock")) return true;
  // A column's new definition, default or nullability is the same after a second run: nothing
  // to check, and harmless to repeat. A type change USING an expression is not.
  if (in.take("modify")) return true;
  if (in.take("alter")) return !in.clause_has("using");
  std::optional<EffectCheck> check;
  if (in.take("add")) {
    check = alter_add(in, table);
  } else if (in.take("drop")) {
    check = alter_drop(in, table);
  } else if (in.take("rename")) {
    check = alter_rename(in, table, checks);
  } else if (in.take("change")) {
    in.take("column");
    const auto from = in.identifier();
    const auto to = in.identifier();
    if (!from || !to) return false;
    if (*from == *to) return true;  // a new definition: as MODIFY
    checks.push_back(part_check(Kind::column, table, *from, false));
    check = part_check(Kind::column, table, *to, true);
  }
  if (!check) return false;
  checks.push_back(*check);
  return true;
}

// ALTER TABLE [ONLY] [IF EXISTS] name action, action ...
ExpectedEffect alter(Reader& in) {
  if (!in.take("table")) return {};
  in.take("only");
  if (in.take_phrase({"if", "exists"})) return {};
  auto table = in.qualified_name();
  if (!table) return {};
  std::vector<EffectCheck> checks;
  bool complete = true;
  do {
    complete = alter_action(in, *table, checks) && complete;
  } while (complete && in.skip_clause());
  if (complete && checks.empty()) return repeatable();  // every action harmless to repeat
  return all_of(std::move(checks), complete);
}

// RENAME TABLE a TO b [, c TO d]
ExpectedEffect rename(Reader& in) {
  if (!in.take("table")) return {};
  std::vector<EffectCheck> checks;
  do {
    const auto from = in.qualified_name();
    if (!from || !in.take("to")) return {};
    const auto to = in.qualified_name();
    if (!to) return {};
    checks.push_back(table_check(*from, false));
    checks.push_back(table_check(*to, true));
  } while (in.take_char(','));
  return all_of(std::move(checks), in.at_end());
}

}  // namespace

ExpectedEffect expected_effect(std::string_view statement, core::Dialect dialect) {
  Reader in(tokenize(statement, dialect), dialect);
  if (in.take("create")) return create(in);
  if (in.take("drop")) return drop(in);
  if (in.take("alter")) return alter(in);
  if (in.take("rename")) return rename(in);
  if (in.take("vacuum") || in.take("analyze") || in.take("analyse") || in.take("reindex") ||
      in.take("set") || in.take("use")) {
    return repeatable();
  }
  return {};
}

core::Effect decide_effect(const ExpectedEffect& expected,
                           const std::function<bool(const CatalogObject&)>& exists) {
  if (expected.repeatable) return core::Effect::repeatable;
  if (expected.checks.empty()) return core::Effect::unknown;
  std::size_t as_after = 0;
  for (const auto& check : expected.checks) {
    if (exists(check.object) == check.present_after) ++as_after;
  }
  if (as_after == expected.checks.size()) return core::Effect::took_effect;
  if (as_after == 0) return core::Effect::not_run;
  return core::Effect::unknown;
}

}  // namespace forge::dialect
