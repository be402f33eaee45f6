#include "dialect/sqlite/sqlite_table_sql.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "util/strings.hpp"

namespace forge::dialect::sqlite {

namespace {

using Kind = Token::Kind;

bool is_word_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || u >= 0x80;
}

// The end of the quoted run starting at `at` (a quote doubled inside stays inside).
std::size_t quoted_end(std::string_view sql, std::size_t at, char close) {
  std::size_t i = at + 1;
  while (i < sql.size()) {
    if (sql[i] != close) {
      ++i;
    } else if (close != ']' && i + 1 < sql.size() && sql[i + 1] == close) {
      i += 2;
    } else {
      return i + 1;
    }
  }
  return sql.size();
}

// The end of the comment or whitespace run at `at`; `at` when there is none.
std::size_t blank_end(std::string_view sql, std::size_t at) {
  std::size_t i = at;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      const std::size_t eol = sql.find('\n', i);
      i = eol == std::string_view::npos ? sql.size() : eol + 1;
    } else if (sql.compare(i, 2, "/*") == 0) {
      const std::size_t close = sql.find("*/", i + 2);
      i = close == std::string_view::npos ? sql.size() : close + 2;
    } else {
      break;
    }
  }
  return i;
}

std::vector<Token> trimmed(std::vector<Token> tokens) {
  while (!tokens.empty() && tokens.back().kind == Kind::space) tokens.pop_back();
  const auto first = std::find_if(tokens.begin(), tokens.end(),
                                  [](const Token& t) { return t.kind != Kind::space; });
  tokens.erase(tokens.begin(), first);
  return tokens;
}

// Indexes of the non-space tokens.
std::vector<std::size_t> significant(const std::vector<Token>& tokens) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (tokens[i].kind != Kind::space) out.push_back(i);
  return out;
}

constexpr std::array<std::string_view, 11> k_clause_keywords{
    "CONSTRAINT", "PRIMARY",   "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
    "REFERENCES", "GENERATED", "AS",     "NOT",   "NULL"};

// Whether the keyword at `at` starts a column clause, rather than continuing one
// (`SET NULL`, `SET DEFAULT`, `NOT DEFERRABLE`, `GENERATED ALWAYS AS`, `DEFAULT NULL`).
bool starts_clause(const Token& token, const Token* before, const Token* after) {
  const auto is = [&](std::string_view keyword) { return is_keyword(token, keyword); };
  const auto before_is = [&](std::string_view k) { return before && is_keyword(*before, k); };
  if (std::none_of(k_clause_keywords.begin(), k_clause_keywords.end(), is)) return false;
  if (is("NULL")) return !before_is("NOT") && !before_is("SET") && !before_is("DEFAULT");
  if (is("DEFAULT")) return !before_is("SET");
  if (is("NOT")) return !(after && is_keyword(*after, "DEFERRABLE"));
  if (is("AS")) return !before_is("ALWAYS");
  return true;
}

// The clause's CONSTRAINT name and its kind keyword.
ColumnClause make_clause(std::vector<Token> tokens) {
  ColumnClause clause;
  clause.tokens = trimmed(std::move(tokens));
  const std::vector<std::size_t> words = significant(clause.tokens);
  std::size_t kind_at = 0;
  if (words.size() >= 2 && is_keyword(clause.tokens[words[0]], "CONSTRAINT")) {
    clause.constraint = unquote(clause.tokens[words[1]]);
    kind_at = 2;
  }
  if (kind_at < words.size()) clause.keyword = clause.tokens[words[kind_at]].text;
  std::transform(clause.keyword.begin(), clause.keyword.end(), clause.keyword.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return clause;
}

// The column definition after its name, split into the type and then one piece per clause.
std::vector<std::vector<Token>> column_pieces(const std::vector<Token>& tokens) {
  const std::vector<std::size_t> words = significant(tokens);
  std::vector<std::vector<Token>> pieces(1);
  int depth = 0;
  bool in_constraint = false;  // after CONSTRAINT <name>, the next keyword continues its clause
  for (std::size_t w = 1; w < words.size(); ++w) {
    const Token& token = tokens[words[w]];
    const Token* before = &tokens[words[w - 1]];
    const Token* after = w + 1 < words.size() ? &tokens[words[w + 1]] : nullptr;
    const bool names_constraint = is_keyword(*before, "CONSTRAINT");
    if (depth == 0 && !names_constraint && starts_clause(token, before, after)) {
      if (in_constraint) {
        in_constraint = false;
      } else {
        pieces.emplace_back();
        in_constraint = is_keyword(token, "CONSTRAINT");
      }
    }
    if (token.text == "(") ++depth;
    if (token.text == ")") --depth;
    // Keep the spaces between this token and the next one.
    const std::size_t end = w + 1 < words.size() ? words[w + 1] : tokens.size();
    pieces.back().insert(pieces.back().end(), tokens.begin() + static_cast<long>(words[w]),
                         tokens.begin() + static_cast<long>(end));
  }
  return pieces;
}

// The tokens inside the first parenthesised group at or after `from`.
std::vector<Token> first_group(const std::vector<Token>& tokens, std::size_t from) {
  std::vector<Token> out;
  int depth = 0;
  for (std::size_t i = from; i < tokens.size(); ++i) {
    if (tokens[i].text == ")" && --depth == 0) break;
    if (depth > 0) out.push_back(tokens[i]);
    if (tokens[i].text == "(") ++depth;
  }
  return out;
}

TableItem make_item(std::vector<Token> tokens) {
  TableItem item;
  item.tokens = trimmed(std::move(tokens));
  const std::vector<std::size_t> words = significant(item.tokens);
  if (words.empty()) return item;
  const Token& first = item.tokens[words[0]];
  for (std::string_view keyword : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"}) {
    if (!is_keyword(first, keyword)) continue;
    const ColumnClause clause = make_clause(item.tokens);
    item.constraint = clause.constraint;
    item.keyword = clause.keyword;
    return item;
  }
  item.column = unquote(first);
  return item;
}

}  // namespace

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t end = blank_end(sql, i);
    Kind kind = Kind::space;
    if (end == i) {
      if (c == '\'') {
        kind = Kind::string, end = quoted_end(sql, i, '\'');
      } else if (c == '"' || c == '`' || c == '[') {
        kind = Kind::quoted, end = quoted_end(sql, i, c == '[' ? ']' : c);
      } else if (is_word_char(c)) {
        kind = Kind::word;
        while (end < sql.size() && is_word_char(sql[end])) ++end;
      } else {
        kind = Kind::punct, end = i + 1;
      }
    }
    tokens.push_back(Token{kind, kind == Kind::space ? " " : std::string(sql.substr(i, end - i))});
    i = end;
  }
  return tokens;
}

std::string tokens_sql(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& token : trimmed(tokens)) out += token.text;
  return out;
}

std::string unquote(const Token& token) {
  if (token.kind != Kind::quoted && token.kind != Kind::string) return token.text;
  const char close = token.text.front() == '[' ? ']' : token.text.front();
  std::string out;
  for (std::size_t i = 1; i + 1 < token.text.size(); ++i) {
    out += token.text[i];
    if (close != ']' && token.text[i] == close) ++i;  // a doubled quote
  }
  return out;
}

bool is_keyword(const Token& token, std::string_view keyword) {
  return token.kind == Kind::word && util::to_lower(token.text) == util::to_lower(keyword);
}

bool mentions(const std::vector<Token>& tokens, const std::string& column, std::size_t from) {
  const std::string wanted = util::to_lower(column);
  for (std::size_t i = from; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if ((token.kind == Kind::word || token.kind == Kind::quoted) &&
        util::to_lower(unquote(token)) == wanted) {
      return true;
    }
  }
  return false;
}

std::vector<Token> TableItem::column_type() const {
  return column ? trimmed(column_pieces(tokens).front()) : std::vector<Token>{};
}

std::vector<ColumnClause> TableItem::column_clauses() const {
  std::vector<ColumnClause> clauses;
  if (!column) return clauses;
  std::vector<std::vector<Token>> pieces = column_pieces(tokens);
  for (std::size_t i = 1; i < pieces.size(); ++i) clauses.push_back(make_clause(pieces[i]));
  return clauses;
}

bool TableItem::depends_on(const std::string& name) const {
  if (column) return false;
  const std::vector<std::size_t> words = significant(tokens);
  const std::size_t body = constraint && words.size() > 2 ? words[2] : 0;
  if (keyword == "FOREIGN") return mentions(first_group(tokens, body), name);
  return mentions(tokens, name, body);
}

TableItem parse_item(std::string_view sql) { return make_item(tokenize(sql)); }

std::optional<TableSql> parse_create_table(std::string_view create_sql) {
  const std::vector<Token> tokens = tokenize(create_sql);
  const auto open = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) {
    return t.kind == Kind::punct && t.text == "(";
  });
  if (open == tokens.end()) return std::nullopt;
  TableSql table;
  std::vector<Token> current;
  int depth = 1;
  for (auto it = open + 1; it != tokens.end(); ++it) {
    const bool punct = it->kind == Kind::punct;
    if (punct && it->text == "(") ++depth;
    if (punct && it->text == ")" && --depth == 0) {
      table.items.push_back(make_item(std::move(current)));
      table.options = tokens_sql(std::vector<Token>(it + 1, tokens.end()));
      return table;
    }
    if (punct && it->text == "," && depth == 1) {
      table.items.push_back(make_item(std::move(current)));
      current.clear();
    } else {
      current.push_back(*it);
    }
  }
  return std::nullopt;
}

}  // namespace forge::dialect::sqlite
