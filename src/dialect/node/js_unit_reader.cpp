#include "dialect/node/js_unit_reader.hpp"

#include <filesystem>

#include "dialect/node/js_migration.hpp"

namespace forge::dialect {

namespace {

core::Section script_section(const std::string& file, const std::string& direction,
                             const std::shared_ptr<const declarative::SqlRenderer>& renderer,
                             const std::shared_ptr<const NodeRuntime>& node) {
  const std::string absolute = std::filesystem::absolute(file).lexically_normal().string();
  core::Section section;
  section.file = file;
  section.text = js_statement_text(file, direction);
  section.statements.push_back(
      core::Statement{section.text, file, 1,
                      std::make_shared<JsMigration>(absolute, file, direction, renderer, node)});
  return section;
}

}  // namespace

core::DeclarativeSections JsUnitReader::read(const std::string& text,
                                             const std::string& file) const {
  core::DeclarativeSections sections;
  sections.up = script_section(file, "up", m_renderer, m_node);
  sections.down = script_section(file, "down", m_renderer, m_node);
  sections.checksum_text = text;
  return sections;
}

}  // namespace forge::dialect
