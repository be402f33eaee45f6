#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Takes a CREATE TABLE statement (as sqlite_master keeps it) apart into its column and
// constraint definitions, without understanding expressions: a tokenizer that knows SQLite's
// quotes and comments, and a split at top-level commas. That is all a table rebuild needs to
// drop, replace or add one definition and keep the rest verbatim.
namespace forge::dialect::sqlite {

/// One lexical token of SQLite SQL.
struct Token {
  enum class Kind { word, quoted, string, punct, space };  ///< comments become `space`
  Kind kind = Kind::word;
  std::string text;  ///< as written, quotes included
};

/// The tokens of `sql`; each comment and run of whitespace becomes one " " token.
std::vector<Token> tokenize(std::string_view sql);
/// The tokens written back as SQL, without leading or trailing space.
std::string tokens_sql(const std::vector<Token>& tokens);
/// The name a word or quoted token stands for: `"a""b"` → `a"b`; `[x]` → `x`.
std::string unquote(const Token& token);
/// True when `token` is the unquoted keyword `keyword` (upper case), in any case.
bool is_keyword(const Token& token, std::string_view keyword);
/// True when a name token in `tokens` (from `from` on) names `column`, ignoring case as SQLite
/// does.
bool mentions(const std::vector<Token>& tokens, const std::string& column, std::size_t from = 0);

/// A part of a column definition after its type: `NOT NULL`, `DEFAULT 0`,
/// `CONSTRAINT "u" UNIQUE`, `REFERENCES "t" ("id") ON DELETE SET NULL`.
struct ColumnClause {
  std::string keyword;                    ///< its first keyword after any CONSTRAINT name
  std::optional<std::string> constraint;  ///< the CONSTRAINT name, when written
  std::vector<Token> tokens;              ///< the whole clause
};

/// One definition between the parentheses of CREATE TABLE.
struct TableItem {
  std::vector<Token> tokens;              ///< the definition, trimmed
  std::optional<std::string> column;      ///< the column's name; nullopt for a table constraint
  std::optional<std::string> constraint;  ///< a table constraint's CONSTRAINT name
  std::string keyword;  ///< a table constraint's kind: PRIMARY, UNIQUE, CHECK, FOREIGN

  /// A column's type tokens (possibly none) and its clauses, in order.
  std::vector<Token> column_type() const;
  std::vector<ColumnClause> column_clauses() const;
  /// True when this definition depends on `column` (for a foreign key: its own columns).
  bool depends_on(const std::string& column) const;
};

/// A CREATE TABLE statement taken apart.
struct TableSql {
  std::vector<TableItem> items;  ///< columns first, then table constraints, as written
  std::string options;           ///< after the closing parenthesis: `WITHOUT ROWID`, `STRICT`
};

/// One definition from its SQL text: `"a" TEXT NOT NULL`, `CONSTRAINT "u" UNIQUE ("a")`.
TableItem parse_item(std::string_view sql);
/// Takes `create_sql` apart; nullopt when it has no parenthesised definition list
/// (CREATE TABLE ... AS SELECT).
std::optional<TableSql> parse_create_table(std::string_view create_sql);

}  // namespace forge::dialect::sqlite
