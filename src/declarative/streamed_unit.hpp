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
  std::string checksum;  ///< SHA-256 of the up list's canonical form, as the whole read's
};

/// One batch of a bulkInsert's rows: an Operation holding a BulkInsert, so that a renderer takes
/// it as it is (a BulkInsert passed for an Operation would be copied, rows and all).
using Batch = Operation;

/// Checks one batch (against what the dialect can honour).
using BatchCheck = std::function<void(const Batch& batch)>;

/// Reads the declarative unit at `path` without holding its rows: yaml-cpp reads its outline
/// (the file without the rows of each bulkInsert written as a block list), and one pass reads
/// every row, validates it as load_declarative does, gives `check` each batch (see each_batch)
/// and hashes the up list. Throws MigrationFileError at file:line:column as load_declarative
/// does. nullopt when the unit is not of that shape, or holds a carriage return: such a file is
/// read whole.
std::optional<StreamedUnit> read_streamed_unit(const std::string& path, const BatchCheck& check);

/// Gives `each` the rows of `rows` (in `list` of `unit`) in order, as bulkInserts of the
/// k_rows_per_insert rows (the last, fewer) that insert_sql writes as one INSERT, until it
/// returns false. Throws MigrationFileError as read_streamed_unit does.
void each_batch(const StreamedUnit& unit, const StreamedList& list, const StreamedRows& rows,
                const std::function<bool(const Batch&)>& each);

}  // namespace forge::declarative
