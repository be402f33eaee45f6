#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sql_splitter.hpp"

namespace forge::core {

/// One section of a single-file unit, before statement splitting.
struct MarkedSection {
  std::string text;                         ///< the lines after the marker, up to the next marker
  std::size_t offset = 0;                   ///< where `text` begins in the file's text
  std::size_t length = 0;                   ///< and its length
  int first_line = 1;                       ///< line where `text` begins (the one after the marker)
  int marker_line = 0;                      ///< line of the marker itself
  bool in_transaction = true;               ///< the marker's `transaction:` option
  std::vector<LineRange> whole_statements;  ///< goose's StatementBegin/End blocks, in order
};

/// The sections of a single-file unit: `-- forge:up` / `-- forge:down`, dbmate's
/// `-- migrate:up` / `-- migrate:down`, or goose's `-- +goose Up` / `-- +goose Down` (with
/// `-- +goose StatementBegin` / `StatementEnd` around a statement not to split, and
/// `-- +goose NO TRANSACTION` for both sections).
struct MarkedSql {
  std::optional<MarkedSection> up;
  std::optional<MarkedSection> down;
};

/// Finds the marker lines of a single-file unit. Only comments and blank lines may stand before
/// the first marker. Throws MigrationFileError (file:line) for no up section, a repeated marker,
/// SQL before the first marker, an unknown marker option or goose annotation, or an unbalanced
/// StatementBegin/End. `text` must have normalised line endings.
MarkedSql parse_marked_sql(std::string_view text, const std::string& file);

/// Called as a scan of a large file goes on, with the offset it has read up to.
using ScanProgress = std::function<void(std::size_t offset)>;

/// parse_marked_sql for a large file: the sections' offsets and lengths, their `text` left
/// empty; `progress` hears how far the scan has read.
MarkedSql locate_marked_sql(std::string_view text, const std::string& file,
                            const ScanProgress& progress);

/// For a file that holds one direction (golang-migrate's `.up.sql` / `.down.sql`, Flyway's `V`
/// and `U` files), whose whole text is that direction: throws MigrationFileError at the first up
/// or down marker line, which would otherwise run, down SQL included, as part of it.
void refuse_section_markers(std::string_view text, const std::string& file,
                            const ScanProgress& progress = nullptr);

}  // namespace forge::core
