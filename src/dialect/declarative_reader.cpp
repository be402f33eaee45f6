#include "dialect/declarative_reader.hpp"

#include "declarative/inverse.hpp"
#include "declarative/loader.hpp"
#include "dialect/streamed_declarative.hpp"
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

}  // namespace

core::Section render_section(const std::vector<Operation>& operations, const std::string& file,
                             const declarative::SqlRenderer& renderer) {
  core::Section section;
  section.file = file;
  if (!operations.empty())
    section.first_line = declarative::origin_of(operations.front()).location.line;
  std::vector<std::string> texts;
  for (const Operation& operation : operations) {
    render_operation(operation, file, renderer, [&](core::Statement statement) {
      texts.push_back(statement.text);
      section.statements.push_back(std::move(statement));
    });
  }
  section.text = util::join(texts, ";\n");
  return section;
}

void render_operation(const Operation& operation, const std::string& file,
                      const declarative::SqlRenderer& renderer,
                      const std::function<void(core::Statement)>& each) {
  for (const auto& note : renderer.check(operation)) {
    util::log_debug("{}: {}", declarative::to_string(note.location), note.message);
  }
  const int line = declarative::origin_of(operation).location.line;
  if (auto late = renderer.render_later(operation)) {
    each(core::Statement{late_description(operation), file, line, late});
    return;
  }
  for (std::string& text : renderer.render(operation)) {
    each(core::Statement{std::move(text), file, line, nullptr});
  }
}

core::DeclarativeSections RenderingReader::read(const std::string& text,
                                                const std::string& file) const {
  const declarative::DeclarativeUnit unit = declarative::load_declarative(text, file);
  core::DeclarativeSections sections;
  sections.up = render_section(unit.up, file, *m_renderer);
  sections.checksum_text = unit.up_canonical;
  if (unit.down) {
    sections.down = render_section(*unit.down, file, *m_renderer);
    return sections;
  }
  add_derived_down(sections, unit.up, file, *m_renderer);
  return sections;
}

void add_derived_down(core::DeclarativeSections& sections, const std::vector<Operation>& up,
                      const std::string& file, const declarative::SqlRenderer& renderer) {
  const declarative::DerivedDown derived = declarative::derive_down(up);
  if (derived.irreversible) {
    sections.irreversible = declarative::describe(*derived.irreversible);
  } else {
    sections.down = render_section(derived.operations, file, renderer);
  }
}

std::optional<core::DeclarativeSections> RenderingReader::read_large(
    const std::string& file) const {
  return read_streamed_sections(file, m_renderer);
}

}  // namespace forge::dialect
