#include "dialect/declarative_reader.hpp"

#include "declarative/inverse.hpp"
#include "declarative/loader.hpp"
#include "util/logging.hpp"
#include "util/strings.hpp"

namespace forge::dialect {

using declarative::Operation;

namespace {

// What a late statement shows where its SQL cannot be written yet (a preview).
std::string late_description(const Operation& operation) {
  return "-- " + std::string(declarative::operation_name(operation)) +
         ": written from the database's schema when it runs (a table rebuild, or a clause that "
         "depends on what the catalog holds)";
}

core::Section render_section(const std::vector<Operation>& operations, const std::string& file,
                             const declarative::SqlRenderer& renderer) {
  core::Section section;
  section.file = file;
  if (!operations.empty())
    section.first_line = declarative::origin_of(operations.front()).location.line;
  std::vector<std::string> texts;
  for (const Operation& operation : operations) {
    for (const auto& note : renderer.check(operation)) {
      util::log_debug("{}: {}", declarative::to_string(note.location), note.message);
    }
    const int line = declarative::origin_of(operation).location.line;
    if (auto late = renderer.render_later(operation)) {
      section.statements.push_back(core::Statement{late_description(operation), file, line, late});
      texts.push_back(section.statements.back().text);
      continue;
    }
    for (std::string& text : renderer.render(operation)) {
      texts.push_back(text);
      section.statements.push_back(core::Statement{std::move(text), file, line, nullptr});
    }
  }
  section.text = util::join(texts, ";\n");
  return section;
}

}  // namespace

core::DeclarativeSections RenderingReader::read(const std::string& text,
                                                const std::string& file) const {
  const declarative::DeclarativeUnit unit = declarative::load_declarative(text, file);
  core::DeclarativeSections sections;
  sections.up = render_section(unit.up, file, m_renderer);
  sections.checksum_text = unit.up_canonical;
  if (unit.down) {
    sections.down = render_section(*unit.down, file, m_renderer);
    return sections;
  }
  const declarative::DerivedDown derived = declarative::derive_down(unit.up);
  if (derived.irreversible) {
    sections.irreversible = declarative::describe(*derived.irreversible);
  } else {
    sections.down = render_section(derived.operations, file, m_renderer);
  }
  return sections;
}

}  // namespace forge::dialect
