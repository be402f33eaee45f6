#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "declarative/document.hpp"

namespace forge::util {
class MappedFile;
}

namespace forge::declarative {

/// The rows of one bulkInsert, a block list under `rows:`, left in the file of a large unit.
struct RowRegion {
  std::size_t begin = 0;  ///< offset in the file of its first item's line
  std::size_t end = 0;    ///< offset just past its last line
  int first_line = 0;     ///< the file's line at `begin`
  int indent = 0;         ///< the column (from 0) of each item's `-`
  std::string marker;     ///< the plain text that stands for the rows in the outline
};

/// A large unit's text with its rows cut out: small, so yaml-cpp reads it whole.
struct UnitOutline {
  std::string text;                ///< the file, each region replaced by `- <marker>`
  std::vector<LineShift> shifts;   ///< where the outline's lines lie in the file
  std::vector<RowRegion> regions;  ///< in file order
};

/// Outlines `file` (read from `start`, past a byte-order mark): every block list whose key is
/// `rows:` becomes a region, its items running until a line indented no deeper than their `-`
/// that is no item. Whether a region is really a bulkInsert's rows is for the outline's reader
/// to check. nullopt when there is no region, or a line outside them holds a marker's text.
std::optional<UnitOutline> outline_unit(const util::MappedFile& file, std::size_t start);

/// Gives `each` the rows of `region`, in order, as parse_document reads them in the whole file,
/// until it returns false: a one-line flow map through read_flow_row, any other item through
/// yaml-cpp on its own lines (so an alias cannot name an anchor outside its row). Throws
/// MigrationFileError at a row yaml-cpp refuses.
void each_row(const util::MappedFile& file, const RowRegion& region, const std::string& path,
              const std::function<bool(const DocumentNode&)>& each);

}  // namespace forge::declarative
