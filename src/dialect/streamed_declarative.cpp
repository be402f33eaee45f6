#include "dialect/streamed_declarative.hpp"

#include <optional>
#include <utility>

#include "core/errors.hpp"
#include "declarative/inverse.hpp"
#include "declarative/streamed_unit.hpp"
#include "dialect/declarative_reader.hpp"
#include "dialect/inserts_ahead.hpp"

namespace forge::dialect {

using declarative::BulkInsert;
using declarative::StreamedList;
using declarative::StreamedUnit;

namespace {

// One list of a large unit, its statements rendered each time they are gone through. A pass
// through every statement of the up list hashes its rows too, and gives the unit its checksum
// (or finds the file changed since the checksum was known).
class StreamedOperations final : public core::StatementStream {
 public:
  StreamedOperations(std::shared_ptr<const StreamedUnit> unit, bool up,
                     std::shared_ptr<const declarative::SqlRenderer> renderer,
                     core::UnitChecksum checksum)
      : m_unit(std::move(unit)),
        m_up(up),
        m_renderer(std::move(renderer)),
        m_checksum(std::move(checksum)) {}

  void for_each(const std::function<bool(const core::Statement&)>& each) const override {
    go_through(each, false);
  }

  // A bulkInsert's INSERTs differ only in their values, so its first one tells their kind. The
  // other rows are checked as they are read: by the run that sends them (inside its
  // transaction), or before a run outside one, which reads every statement first.
  void for_each_kind(const std::function<bool(const core::Statement&)>& each) const override {
    go_through(each, true);
  }

 private:
  void go_through(const std::function<bool(const core::Statement&)>& each,
                  bool first_insert_only) const {
    const StreamedList& list = m_up ? m_unit->up : *m_unit->down;
    std::optional<declarative::UpListHash> hash;
    if (m_up && !first_insert_only) hash.emplace(*m_unit);
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
      if (hash) hash->before_rows(*rows);
      InsertsAhead inserts(*m_unit, list, *rows, *m_renderer, hash ? &*hash : nullptr);
      while (more && inserts.next(statement.text, statement.line)) more = each(statement);
    }
    if (hash && more && !m_checksum.agrees(hash->finish())) {
      throw MigrationFileError(m_unit->path, 0, "changed while forge was running",
                               "Run the command again once the file is written.");
    }
  }

  std::shared_ptr<const StreamedUnit> m_unit;
  bool m_up;
  std::shared_ptr<const declarative::SqlRenderer> m_renderer;
  core::UnitChecksum m_checksum;  // the unit's: copies share what is learned
};

core::Section streamed_section(const std::shared_ptr<const StreamedUnit>& unit, bool up,
                               const std::shared_ptr<const declarative::SqlRenderer>& renderer,
                               const core::UnitChecksum& checksum) {
  const StreamedList& list = up ? unit->up : *unit->down;
  core::Section section;
  section.file = unit->path;
  section.first_line = declarative::origin_of(list.operations.front()).location.line;
  section.statements = core::SectionStatements::streamed(
      std::make_shared<StreamedOperations>(unit, up, renderer, checksum));
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
  std::optional<StreamedUnit> read = declarative::read_streamed_unit(file);
  if (!read) return std::nullopt;
  const auto unit = std::make_shared<const StreamedUnit>(std::move(*read));
  check_held(unit->up, *renderer);
  // Worked out by the run that sends every row, or, asked before (a status, a run outside a
  // transaction), by reading every row then.
  core::DeclarativeSections sections;
  sections.checksum = core::UnitChecksum::when_asked([unit, renderer] {
    return declarative::read_every_row(
        *unit, [&renderer](const declarative::Batch& batch) { renderer->check(batch); });
  });
  sections.up = streamed_section(unit, true, renderer, sections.checksum);
  if (unit->down) {
    check_held(*unit->down, *renderer);
    sections.down = unit->down->operations.empty()
                        ? render_section({}, file, *renderer)
                        : streamed_section(unit, false, renderer, sections.checksum);
  } else if (!unit->up.streamed.empty()) {
    sections.irreversible = why_no_derived_down(*unit);
  } else {
    add_derived_down(sections, unit->up.operations, file, *renderer);
  }
  return sections;
}

}  // namespace forge::dialect
