#pragma once
#include <array>
#include <string>
#include <vector>

namespace forge::core {

/// Columns of the history table that forge added after its first release. ensure_history adds
/// the ones an older table lacks, in this order.
inline constexpr std::array<const char*, 3> k_added_history_columns = {"state", "statements_done",
                                                                        "statement_hashes"};

/// The added columns missing from `existing` (compared without regard to case).
std::vector<std::string> missing_history_columns(const std::vector<std::string>& existing);

}  // namespace forge::core
