// The one file that calls libpg_query: PostgreSQL's parser, giving its parse tree as JSON.
#include "dialect/postgres/postgres_lint.hpp"

#include <pg_query.h>

#include <nlohmann/json.hpp>

#include "dialect/postgres/postgres_lint_tree.hpp"

namespace forge::dialect::postgres {

namespace {

// Frees libpg_query's result however the function is left.
class ParseResult {
 public:
  explicit ParseResult(const std::string& sql) : m_result(pg_query_parse(sql.c_str())) {}
  ~ParseResult() { pg_query_free_parse_result(m_result); }
  ParseResult(const ParseResult&) = delete;
  ParseResult& operator=(const ParseResult&) = delete;
  const PgQueryParseResult& get() const noexcept { return m_result; }

 private:
  PgQueryParseResult m_result;
};

std::vector<ParsedStatement> unparsed(std::string message, int offset) {
  return {ParsedStatement{core::lint::Unparsed{std::move(message), offset}, {}}};
}

}  // namespace

std::vector<ParsedStatement> parse_for_lint(std::string_view sql) {
  const ParseResult result{std::string(sql)};
  if (const PgQueryError* error = result.get().error) {
    return unparsed(error->message ? error->message : "syntax error", error->cursorpos - 1);
  }
  const auto tree = nlohmann::json::parse(result.get().parse_tree, nullptr, false);
  if (tree.is_discarded()) return unparsed("the parser's tree could not be read", -1);
  std::vector<ParsedStatement> statements;
  for (const auto& raw : tree.value("stmts", nlohmann::json::array())) {
    const auto& node = raw.contains("stmt") ? raw["stmt"] : nlohmann::json::object();
    statements.push_back({classify_node(node), string_constants(node)});
  }
  if (statements.empty()) statements.push_back({core::lint::OtherStatement{}, {}});
  return statements;
}

}  // namespace forge::dialect::postgres
