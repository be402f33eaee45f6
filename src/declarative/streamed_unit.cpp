#include "declarative/streamed_unit.hpp"

#include <utility>

#include "core/streamed_sql_file.hpp"
#include "declarative/loader.hpp"
#include "declarative/operation_readers.hpp"
#include "util/mapped_file.hpp"
#include "util/sha256.hpp"

namespace forge::declarative {

namespace {

// Where each region's placeholder stands in the outline's tree.
struct Placeholder {
  DocumentNode* rows_item = nullptr;  ///< the one item of its `rows:` list
  bool in_up = false;
  std::size_t operation = 0;
};

// Where `marker` stands as the one item of the rows of a bulkInsert of up or down; nullopt
// when it stands anywhere else (a `rows:` list in some other place), which is not streamed.
std::optional<Placeholder> find_placeholder(DocumentNode& root, const std::string& marker) {
  for (const char* name : {"up", "down"}) {
    DocumentNode* list = nullptr;
    for (MapEntry& entry : root.entries) {
      if (entry.key == name && entry.value.kind == DocumentNode::Kind::sequence)
        list = &entry.value;
    }
    if (list == nullptr) continue;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      DocumentNode& item = list->items[i];
      if (item.entries.size() != 1 || item.entries[0].key != "bulkInsert") continue;
      for (MapEntry& field : item.entries[0].value.entries) {
        DocumentNode& rows = field.value;
        if (field.key == "rows" && rows.items.size() == 1 && !rows.items[0].quoted &&
            rows.items[0].text == marker) {
          return Placeholder{&rows.items[0], std::string(name) == "up", i};
        }
      }
    }
  }
  return std::nullopt;
}

std::string placeholder_form(const std::string& marker) {
  return "'" + std::to_string(marker.size()) + ":" + marker + ",";
}

DocumentNode first_row(const util::MappedFile& file, const RowRegion& region,
                       const std::string& path) {
  DocumentNode first;
  each_row(file, region, path, [&](const DocumentNode& row) {
    first = row;
    return false;
  });
  return first;
}

StreamedList list_of(std::vector<Operation> operations) {
  return StreamedList{std::move(operations), {}};
}

// Reads the rows of `rows` as read_bulk_insert reads them, gives `on_row` each as written (when
// given) and `each` each batch of k_rows_per_insert, until it returns false.
void batches(const StreamedUnit& unit, const StreamedList& list, const StreamedRows& rows,
             const std::function<void(const DocumentNode&)>& on_row,
             const std::function<bool(const Batch&)>& each) {
  const auto& insert = std::get<BulkInsert>(list.operations[rows.operation]);
  Batch operation = BulkInsert{insert.origin, insert.table, insert.columns, {}};
  BulkInsert& batch = std::get<BulkInsert>(operation);
  batch.rows.resize(k_rows_per_insert);  // each batch's rows are read into the last one's
  std::size_t number = 0;
  std::size_t count = 0;
  bool more = true;
  each_row(*unit.file, rows.region, unit.path, [&](const DocumentNode& node) {
    read_bulk_insert_row(node, ++number, insert.columns, batch.rows[count++]);
    if (on_row) on_row(node);
    if (count < k_rows_per_insert) return true;
    count = 0;
    return more = each(operation);
  });
  batch.rows.resize(count);
  if (more && count > 0) each(operation);
}

}  // namespace

// The up list's canonical form, each placeholder's item replaced by the rows as they are read.
class UpListHash::State {
 public:
  explicit State(const std::string& outline_form) : m_form(outline_form) {}

  void before_rows(const std::string& marker) {
    const std::string placeholder = placeholder_form(marker);
    const std::size_t at = m_form.find(placeholder, m_done);
    m_hash.update(std::string_view(m_form).substr(m_done, at - m_done));
    m_done = at + placeholder.size();
  }
  void row(const DocumentNode& row) {
    m_row.clear();
    append_canonical_form(row, m_row);
    m_row += ',';
    m_hash.update(m_row);
  }
  std::string finish() {
    m_hash.update(std::string_view(m_form).substr(m_done));
    return m_hash.hex();
  }

 private:
  const std::string& m_form;  // the unit's, which outlives its hash
  std::size_t m_done = 0;
  std::string m_row;  // one row's form, its storage reused
  util::Sha256 m_hash;
};

UpListHash::UpListHash(const StreamedUnit& unit)
    : m_state(std::make_unique<State>(unit.up_outline_form)) {}
UpListHash::~UpListHash() = default;
void UpListHash::before_rows(const StreamedRows& rows) { m_state->before_rows(rows.region.marker); }
void UpListHash::row(const DocumentNode& row) { m_state->row(row); }
std::string UpListHash::finish() { return m_state->finish(); }

const StreamedRows* StreamedList::rows_of(std::size_t index) const {
  for (const StreamedRows& rows : streamed) {
    if (rows.operation == index) return &rows;
  }
  return nullptr;
}

std::optional<StreamedUnit> read_streamed_unit(const std::string& path) {
  std::optional<core::MappedUnitFile> mapped = core::map_unit_file(path);
  if (!mapped) return std::nullopt;
  std::optional<UnitOutline> outline = outline_unit(*mapped->file, mapped->start);
  if (!outline) return std::nullopt;
  DocumentNode root = parse_document(outline->text, path, outline->shifts);
  const DocumentNode* up_node = root.find("up");
  std::string up_outline_form = up_node != nullptr ? canonical_form(*up_node) : std::string();
  // Each placeholder stands in for its first row while the outline is read as a unit.
  std::vector<Placeholder> placeholders;
  for (const RowRegion& region : outline->regions) {
    std::optional<Placeholder> placeholder = find_placeholder(root, region.marker);
    if (!placeholder) return std::nullopt;  // a `rows:` list that is no bulkInsert's
    *placeholder->rows_item = first_row(*mapped->file, region, path);
    placeholders.push_back(*placeholder);
  }
  DeclarativeUnit read = read_unit(root, path);
  StreamedUnit unit{mapped->file, path, list_of(std::move(read.up)), std::nullopt,
                    std::move(up_outline_form)};
  if (read.down) unit.down = list_of(std::move(*read.down));
  for (std::size_t i = 0; i < placeholders.size(); ++i) {
    StreamedList& list = placeholders[i].in_up ? unit.up : *unit.down;
    list.streamed.push_back(StreamedRows{placeholders[i].operation, outline->regions[i]});
  }
  return unit;
}

std::string read_every_row(const StreamedUnit& unit, const BatchCheck& check) {
  UpListHash hash(unit);
  const auto check_all = [&](const Batch& batch) {
    check(batch);
    return true;
  };
  for (const StreamedRows& rows : unit.up.streamed) {
    hash.before_rows(rows);
    batches(
        unit, unit.up, rows, [&](const DocumentNode& row) { hash.row(row); }, check_all);
  }
  if (unit.down) {
    for (const StreamedRows& rows : unit.down->streamed) {
      batches(unit, *unit.down, rows, nullptr, check_all);
    }
  }
  return hash.finish();
}

void each_batch(const StreamedUnit& unit, const StreamedList& list, const StreamedRows& rows,
                const std::function<bool(const Batch&)>& each,
                const std::function<void(const DocumentNode&)>& on_row) {
  batches(unit, list, rows, on_row, each);
}

}  // namespace forge::declarative
