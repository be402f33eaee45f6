#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace forge::core {

/// One section of a single-file unit, before statement splitting.
struct MarkedSection {
  std::string text;            ///< the lines after the marker, up to the next marker
  int first_line = 1;          ///< line where `text` begins (the one after the marker)
  int marker_line = 0;         ///< line of the marker itself
  bool in_transaction = true;  ///< the marker's `transaction:` option
};

/// The sections of a single-file unit (`-- forge:up` / `-- forge:down`, or dbmate's
/// `-- migrate:up` / `-- migrate:down`).
struct MarkedSql {
  std::optional<MarkedSection> up;
  std::optional<MarkedSection> down;
};

/// Finds the marker lines of a single-file unit. Only comments and blank lines may stand before
/// the first marker. Throws MigrationFileError (file:line) for a repeated marker, SQL before the
/// first marker, or an unknown marker option. `text` must have normalised line endings.
MarkedSql parse_marked_sql(std::string_view text, const std::string& file);

}  // namespace forge::core
