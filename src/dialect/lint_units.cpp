#include "dialect/lint_units.hpp"

#include "core/lint/source_lines.hpp"
#include "core/lint/sql_classifier.hpp"
#include "core/statement_kind.hpp"
#include "declarative/lint_mapping.hpp"
#include "declarative/loader.hpp"
#include "dialect/server_driver.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace forge::dialect {

namespace lint = core::lint;

namespace {

bool has_extension(const std::string& file, std::initializer_list<const char*> extensions) {
  for (const char* extension : extensions) {
    if (util::ends_with(util::to_lower(file), extension)) return true;
  }
  return false;
}

// Whether forge runs the section in one transaction (runner.cpp's wants_transaction, without a
// connection: MySQL's DDL commits as it goes, so it never counts as transactional).
bool runs_in_transaction(const core::Section& section, core::Dialect dialect) {
  if (!section.in_transaction || dialect == core::Dialect::mysql) return false;
  if (core::manages_own_transaction(section.statements)) return false;
  return core::first_refusing_transaction(section.statements, dialect) == nullptr;
}

lint::LintUnit sql_model(const core::Unit& unit, core::Dialect dialect, const std::string& text) {
  const lint::SourceLines lines(unit.up.file, util::normalize_newlines(text));
  lint::LintUnit model;
  model.name = unit.name;
  model.position = lint::Position{unit.up.file, std::max(unit.up.first_line - 1, 1), 1};
  model.in_transaction = runs_in_transaction(unit.up, dialect);
  model.has_down = unit.down && !unit.down->statements.empty();
  model.file_ignores = lines.all_ignores();
  for (const core::Statement& statement : unit.up.statements) {
    const lint::Position at = lines.position_of(statement.line, statement.text);
    for (lint::LintStatement& classified : classify_statement(statement.text, at, dialect)) {
      classified.ignores = lines.ignores_for(statement.line);
      model.statements.push_back(std::move(classified));
    }
  }
  return model;
}

lint::LintUnit declarative_model(const core::Unit& unit, core::Dialect dialect,
                                 const std::string& text) {
  const auto loaded = declarative::load_declarative(text, unit.up.file);
  const lint::SourceLines lines(unit.up.file, util::normalize_newlines(text));
  lint::LintUnit model = declarative::lint_model(
      loaded, dialect, [dialect](const std::string& sql, const lint::Position& at) {
        return classify_statement(sql, at, dialect);
      });
  model.name = unit.name;
  model.in_transaction = unit.up.in_transaction && dialect != core::Dialect::mysql;
  model.file_ignores = lines.all_ignores();
  for (lint::LintStatement& statement : model.statements) {
    statement.ignores = lines.ignores_for(statement.position.line);
  }
  return model;
}

}  // namespace

std::vector<lint::LintStatement> classify_statement(const std::string& sql,
                                                    const lint::Position& position,
                                                    core::Dialect dialect) {
  if (dialect != core::Dialect::postgres) {
    return {lint::LintStatement{position, lint::classify_sql(sql, dialect), {}, {}}};
  }
  std::vector<lint::LintStatement> statements;
  const auto parse = server_driver(core::Dialect::postgres).parse_for_lint;
  for (postgres::ParsedStatement& parsed : parse(sql)) {
    statements.push_back(
        lint::LintStatement{position, std::move(parsed.shape), std::move(parsed.literals), {}});
  }
  return statements;
}

std::optional<lint::LintUnit> lint_model_of(const core::Unit& unit, core::Dialect dialect) {
  const std::string& file = unit.up.file;
  if (has_extension(file, {".js", ".cjs", ".mjs"})) return std::nullopt;
  const std::string text = util::read_file(file);
  if (has_extension(file, {".yaml", ".yml", ".json"})) {
    return declarative_model(unit, dialect, text);
  }
  return sql_model(unit, dialect, text);
}

}  // namespace forge::dialect
