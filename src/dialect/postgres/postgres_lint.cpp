// The one file that calls libpg_query: PostgreSQL's parser, giving its parse tree as JSON.
// libpg_query is loaded the first time a lint parses: a migrate or a status on PostgreSQL never
// maps it (~0.5 ms of each of their starts).
#include "dialect/postgres/postgres_lint.hpp"

#include <dlfcn.h>
#include <pg_query.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/errors.hpp"
#include "core/lint/sql_tokens.hpp"
#include "dialect/postgres/postgres_lint_tree.hpp"

namespace forge::dialect::postgres {

#ifndef FORGE_PG_QUERY_SONAME
#error "FORGE_PG_QUERY_SONAME: libpg_query's SONAME, as src/CMakeLists.txt reads it"
#endif

namespace {

struct PgQuery {
  decltype(&pg_query_parse) parse = nullptr;
  decltype(&pg_query_free_parse_result) free_result = nullptr;
};

PgQuery load_pg_query() {
  void* library = ::dlopen(FORGE_PG_QUERY_SONAME, RTLD_NOW | RTLD_LOCAL);
  PgQuery found;
  if (library != nullptr) {
    found.parse = reinterpret_cast<decltype(found.parse)>(::dlsym(library, "pg_query_parse"));
    found.free_result = reinterpret_cast<decltype(found.free_result)>(
        ::dlsym(library, "pg_query_free_parse_result"));
  }
  if (found.parse == nullptr || found.free_result == nullptr) {
    const char* reason = ::dlerror();
    throw ConfigError(std::string("linting PostgreSQL needs libpg_query (") +
                          FORGE_PG_QUERY_SONAME +
                          "): " + (reason != nullptr ? reason : "its functions are missing"),
                      "Install it (Debian: libpg-query1504.0, which forge's package depends on).");
  }
  return found;  // loaded for the life of the process
}

const PgQuery& pg_query() {
  static const PgQuery loaded = load_pg_query();  // thread-safe; a failure is retried next call
  return loaded;
}

// Frees libpg_query's result however the function is left.
class ParseResult {
 public:
  explicit ParseResult(const std::string& sql) : m_result(pg_query().parse(sql.c_str())) {}
  ~ParseResult() { pg_query().free_result(m_result); }
  ParseResult(const ParseResult&) = delete;
  ParseResult& operator=(const ParseResult&) = delete;
  const PgQueryParseResult& get() const noexcept { return m_result; }

 private:
  PgQueryParseResult m_result;
};

std::vector<ParsedStatement> unparsed(std::string message, int offset) {
  return {ParsedStatement{core::lint::Unparsed{std::move(message), offset}, {}}};
}

// A lone data statement (INSERT, UPDATE, DELETE, SELECT, COPY, WITH, VALUES): no rule looks at
// its shape, only at its string constants. Read by forge's tokenizer instead of the parser, whose
// tree of a large data unit (a 100 MB INSERT) would take gigabytes.
std::optional<ParsedStatement> data_statement(std::string_view sql) {
  static const char* const k_data[] = {"INSERT", "UPDATE", "DELETE", "SELECT",
                                       "COPY",   "WITH",   "VALUES", "MERGE"};
  const auto tokens = core::lint::tokenize(sql, core::Dialect::postgres);
  if (tokens.empty() || tokens.front().kind != core::lint::TokenKind::word ||
      std::find(std::begin(k_data), std::end(k_data), tokens.front().text) == std::end(k_data)) {
    return std::nullopt;
  }
  ParsedStatement statement{core::lint::OtherStatement{}, {}};
  for (const auto& token : tokens) {
    if (token.kind == core::lint::TokenKind::symbol && token.text == ";") return std::nullopt;
    if (token.kind == core::lint::TokenKind::string) statement.literals.push_back(token.text);
  }
  return statement;
}

}  // namespace

std::vector<ParsedStatement> parse_for_lint(std::string_view sql) {
  if (auto data = data_statement(sql)) return {std::move(*data)};
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
