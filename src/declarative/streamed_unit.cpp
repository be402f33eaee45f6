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

// Hashes the up list's canonical form: the outline's, each placeholder's item replaced by the
// region's rows as they are read.
class UpHash {
 public:
  explicit UpHash(std::string outline_form) : m_form(std::move(outline_form)) {}

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
  std::string m_form;
  std::size_t m_done = 0;
  std::string m_row;  ///< one row's form, its storage reused
  util::Sha256 m_hash;
};

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

// Reads the rows of `rows` as read_bulk_insert reads them, gives `on_row` each as written and
// `each` each batch of k_rows_per_insert, until it returns false.
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
    on_row(node);
    if (count < k_rows_per_insert) return true;
    count = 0;
    return more = each(operation);
  });
  batch.rows.resize(count);
  if (more && count > 0) each(operation);
}

}  // namespace

const StreamedRows* StreamedList::rows_of(std::size_t index) const {
  for (const StreamedRows& rows : streamed) {
    if (rows.operation == index) return &rows;
  }
  return nullptr;
}

std::optional<StreamedUnit> read_streamed_unit(const std::string& path, const BatchCheck& check) {
  std::optional<core::MappedUnitFile> mapped = core::map_unit_file(path);
  if (!mapped) return std::nullopt;
  std::optional<UnitOutline> outline = outline_unit(*mapped->file, mapped->start);
  if (!outline) return std::nullopt;
  DocumentNode root = parse_document(outline->text, path, outline->shifts);
  const DocumentNode* up_node = root.find("up");
  UpHash hash(up_node != nullptr ? canonical_form(*up_node) : std::string());
  // Each placeholder stands in for its first row while the outline is read as a unit.
  std::vector<Placeholder> placeholders;
  for (const RowRegion& region : outline->regions) {
    std::optional<Placeholder> placeholder = find_placeholder(root, region.marker);
    if (!placeholder) return std::nullopt;  // a `rows:` list that is no bulkInsert's
    *placeholder->rows_item = first_row(*mapped->file, region, path);
    placeholders.push_back(*placeholder);
  }
  DeclarativeUnit read = read_unit(root, path);
  StreamedUnit unit{mapped->file, path, list_of(std::move(read.up)), std::nullopt, ""};
  if (read.down) unit.down = list_of(std::move(*read.down));
  for (std::size_t i = 0; i < placeholders.size(); ++i) {
    StreamedList& list = placeholders[i].in_up ? unit.up : *unit.down;
    list.streamed.push_back(StreamedRows{placeholders[i].operation, outline->regions[i]});
    if (placeholders[i].in_up) hash.before_rows(outline->regions[i].marker);
    batches(
        unit, list, list.streamed.back(),
        [&](const DocumentNode& row) {
          if (placeholders[i].in_up) hash.row(row);
        },
        [&](const Batch& batch) {
          check(batch);
          return true;
        });
  }
  unit.checksum = hash.finish();
  return unit;
}

void each_batch(const StreamedUnit& unit, const StreamedList& list, const StreamedRows& rows,
                const std::function<bool(const Batch&)>& each) {
  batches(
      unit, list, rows, [](const DocumentNode&) {}, each);
}

}  // namespace forge::declarative
