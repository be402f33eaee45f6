#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "declarative/model.hpp"
#include "declarative/row_regions.hpp"

namespace forge::util {
class MappedFile;
}

namespace forge::declarative {

/// A bulkInsert whose rows stay in the file, read each time they are gone through.
struct StreamedRows {
  std::size_t operation = 0;  ///< its index in the list; that BulkInsert holds its first row only
  RowRegion region;
};

/// The up or the down list of a large unit.
struct StreamedList {
  std::vector<Operation> operations;
  std::vector<StreamedRows> streamed;  ///< in the order of their operations

  /// The rows of operation `index` when they stream, else nullptr.
  const StreamedRows* rows_of(std::size_t index) const;
};

/// A declarative unit too large to hold (issue 16): what it says, without its bulkInserts' rows.
struct StreamedUnit {
  std::shared_ptr<const util::MappedFile> file;
  std::string path;
  StreamedList up;
  std::optional<StreamedList> down;  ///< as written; nullopt when the file has none
  /// The up list's canonical form, each streamed bulkInsert's rows standing as a placeholder.
  std::string up_outline_form;
};

/// One batch of a bulkInsert's rows: an Operation holding a BulkInsert, so that a renderer takes
/// it as it is (a BulkInsert passed for an Operation would be copied, rows and all).
using Batch = Operation;

/// Checks one batch (against what the dialect can honour).
using BatchCheck = std::function<void(const Batch& batch)>;

/// Reads the declarative unit at `path` without its rows: yaml-cpp reads its outline (the file
/// without the rows of each bulkInsert written as a block list) with each such list's first row,
/// validated as load_declarative does. The other rows are read, and validated, only when gone
/// through (read_every_row, each_batch). Throws MigrationFileError at file:line:column as
/// load_declarative does. nullopt when the unit is not of that shape, or holds a carriage
/// return: such a file is read whole.
std::optional<StreamedUnit> read_streamed_unit(const std::string& path);

/// Reads every row of `unit` (up and down), validates it as load_declarative does, gives `check`
/// each batch (see each_batch), and gives the up list's checksum: SHA-256 of its canonical form,
/// the one a whole read gives. Throws MigrationFileError at the row's file:line:column.
std::string read_every_row(const StreamedUnit& unit, const BatchCheck& check);

/// The up list's checksum, built as its rows are gone through in order (see each_batch's
/// `on_row`): a pass that sends every row of the up list gives the checksum read_every_row gives.
class UpListHash {
 public:
  explicit UpListHash(const StreamedUnit& unit);
  ~UpListHash();
  UpListHash(const UpListHash&) = delete;
  UpListHash& operator=(const UpListHash&) = delete;

  /// The rows of `rows` are next.
  void before_rows(const StreamedRows& rows);
  /// One row, as read.
  void row(const DocumentNode& row);
  /// The checksum, once every streamed list of the up list was gone through.
  std::string finish();

 private:
  class State;
  std::unique_ptr<State> m_state;
};

/// Gives `each` the rows of `rows` (in `list` of `unit`) in order, as bulkInserts of the
/// k_rows_per_insert rows (the last, fewer) that insert_sql writes as one INSERT, until it
/// returns false; `on_row`, when given, gets each row as written first. Throws
/// MigrationFileError as read_streamed_unit does.
void each_batch(const StreamedUnit& unit, const StreamedList& list, const StreamedRows& rows,
                const std::function<bool(const Batch&)>& each,
                const std::function<void(const DocumentNode&)>& on_row = {});

}  // namespace forge::declarative
