#include "dialect/node/js_unit_reader.hpp"

#include <filesystem>
#include <regex>

#include "dialect/node/js_migration.hpp"

namespace forge::dialect {

namespace {

// PostgreSQL refuses CREATE INDEX CONCURRENTLY in a transaction block, and the SQL of a
// JavaScript unit is only known as it runs: a unit that asks for a concurrent index anywhere
// runs outside forge's transaction, as a SQL unit with such a statement does.
bool wants_no_transaction(const std::string& text, core::Dialect dialect) {
  static const std::regex concurrently(R"(concurrently\s*:\s*true)", std::regex::icase);
  return dialect == core::Dialect::postgres && std::regex_search(text, concurrently);
}

core::Section script_section(const std::string& file, const std::string& direction,
                             bool in_transaction,
                             const std::shared_ptr<const declarative::SqlRenderer>& renderer,
                             const std::shared_ptr<const NodeRuntime>& node) {
  const std::string absolute = std::filesystem::absolute(file).lexically_normal().string();
  core::Section section;
  section.file = file;
  section.text = js_statement_text(file, direction);
  section.in_transaction = in_transaction;
  section.statements.push_back(core::Statement{
      section.text, file, 1,
      std::make_shared<JsMigration>(absolute, file, direction, in_transaction, renderer, node)});
  return section;
}

}  // namespace

core::DeclarativeSections JsUnitReader::read(const std::string& text,
                                             const std::string& file) const {
  core::DeclarativeSections sections;
  const bool in_transaction = !wants_no_transaction(text, m_renderer->dialect());
  sections.up = script_section(file, "up", in_transaction, m_renderer, m_node);
  sections.down = script_section(file, "down", in_transaction, m_renderer, m_node);
  sections.checksum_text = text;
  return sections;
}

}  // namespace forge::dialect
