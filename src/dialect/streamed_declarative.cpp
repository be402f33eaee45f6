#include "dialect/streamed_declarative.hpp"

#include <utility>

#include "declarative/inverse.hpp"
#include "declarative/streamed_unit.hpp"
#include "dialect/declarative_reader.hpp"
#include "dialect/inserts_ahead.hpp"

namespace forge::dialect {

using declarative::BulkInsert;
using declarative::StreamedList;
using declarative::StreamedUnit;

namespace {

// One list of a large unit, its statements rendered each time they are gone through.
class StreamedOperations final : public core::StatementStream {
 public:
  StreamedOperations(std::shared_ptr<const StreamedUnit> unit, bool up,
                     std::shared_ptr<const declarative::SqlRenderer> renderer)
      : m_unit(std::move(unit)), m_up(up), m_renderer(std::move(renderer)) {}

  void for_each(const std::function<bool(const core::Statement&)>& each) const override {
    go_through(each, false);
  }

  // Every row was read, checked against the dialect and refused at its line when the unit was
  // read: a bulkInsert's INSERTs differ only in their values, so its first one tells their kind.
  void for_each_kind(const std::function<bool(const core::Statement&)>& each) const override {
    go_through(each, true);
  }

 private:
  void go_through(const std::function<bool(const core::Statement&)>& each,
                  bool first_insert_only) const {
    const StreamedList& list = m_up ? m_unit->up : *m_unit->down;
    bool more = true;
    for (std::size_t i = 0; more && i < list.operations.size(); ++i) {
      const declarative::StreamedRows* rows = list.rows_of(i);
      if (rows == nullptr) {
        render_operation(list.operations[i], m_unit->path, *m_renderer,
                         [&](const core::Statement& statement) { more = more && each(statement); });
        continue;
      }
      // One statement object, its text reused; each INSERT at the line of its first row.
      core::Statement statement{{}, m_unit->path, 0, nullptr};
      if (first_insert_only) {
        declarative::each_batch(*m_unit, list, *rows, [&](const declarative::Batch& batch) {
          statement.line = std::get<BulkInsert>(batch).rows.front().location.line;
          for (std::string& text : m_renderer->render(batch)) {
            statement.text = std::move(text);
            if (!(more = each(statement))) break;
          }
          return false;  // the first batch's INSERTs tell their kind
        });
        continue;
      }
      InsertsAhead inserts(*m_unit, list, *rows, *m_renderer);
      while (more && inserts.next(statement.text, statement.line)) more = each(statement);
    }
  }

  std::shared_ptr<const StreamedUnit> m_unit;
  bool m_up;
  std::shared_ptr<const declarative::SqlRenderer> m_renderer;
};

core::Section streamed_section(const std::shared_ptr<const StreamedUnit>& unit, bool up,
                               const std::shared_ptr<const declarative::SqlRenderer>& renderer) {
  const StreamedList& list = up ? unit->up : *unit->down;
  core::Section section;
  section.file = unit->path;
  section.first_line = declarative::origin_of(list.operations.front()).location.line;
  section.statements =
      core::SectionStatements::streamed(std::make_shared<StreamedOperations>(unit, up, renderer));
  return section;
}

// The operations held whole are checked now, as the whole read renders them now.
void check_held(const StreamedList& list, const declarative::SqlRenderer& renderer) {
  for (std::size_t i = 0; i < list.operations.size(); ++i) {
    if (list.rows_of(i) == nullptr) renderer.check(list.operations[i]);
  }
}

std::string why_no_derived_down(const StreamedUnit& unit) {
  const auto& insert = std::get<BulkInsert>(unit.up.operations[unit.up.streamed.front().operation]);
  return declarative::describe(declarative::IrreversibleOperation{
      "bulkInsert", insert.origin.location,
      "in a unit this large its rows are read as they run, and its derived down would delete "
      "them one by one, in reverse (a bulkDelete with a where matching the rows, or a "
      "dropTable, undoes it at once)"});
}

}  // namespace

std::optional<core::DeclarativeSections> read_streamed_sections(
    const std::string& file, std::shared_ptr<const declarative::SqlRenderer> renderer) {
  std::optional<StreamedUnit> read = declarative::read_streamed_unit(
      file, [&](const declarative::Batch& batch) { renderer->check(batch); });
  if (!read) return std::nullopt;
  const auto unit = std::make_shared<const StreamedUnit>(std::move(*read));
  check_held(unit->up, *renderer);
  core::DeclarativeSections sections;
  sections.up = streamed_section(unit, true, renderer);
  sections.checksum = unit->checksum;
  if (unit->down) {
    check_held(*unit->down, *renderer);
    sections.down = unit->down->operations.empty() ? render_section({}, file, *renderer)
                                                   : streamed_section(unit, false, renderer);
  } else if (!unit->up.streamed.empty()) {
    sections.irreversible = why_no_derived_down(*unit);
  } else {
    add_derived_down(sections, unit->up.operations, file, *renderer);
  }
  return sections;
}

}  // namespace forge::dialect
