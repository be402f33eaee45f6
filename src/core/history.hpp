#pragma once
#include <cstdint>
#include <string>

namespace forge::core {

/// One row of the history table: a unit that has been applied.
struct HistoryRow {
  std::string name;             ///< the unit's stem, primary key
  std::string checksum;         ///< SHA-256 of the up section when it was applied
  std::string applied_at;       ///< UTC, ISO-8601 with milliseconds
  std::int64_t execution_ms = 0;
};

}  // namespace forge::core
