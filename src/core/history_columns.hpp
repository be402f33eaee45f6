#pragma once
#include <array>
#include <string>
#include <vector>

namespace forge::core {

/// Every history column but `name`, in HistoryRow order. A table forge did not create — one
/// written by an earlier forge, or sequelize-cli's SequelizeMeta, which has only `name` — may
/// lack any of them: ensure_history adds those, in this order, each with a default so that
/// other tools' inserts of a bare name keep working, and read_history reads a lacking column
/// as that default.
inline constexpr std::array<const char*, 7> k_added_history_columns = {
    "checksum",        "applied_at",       "execution_ms", "state",
    "statements_done", "statement_hashes", "progress"};

/// The added columns missing from `existing` (compared without regard to case).
std::vector<std::string> missing_history_columns(const std::vector<std::string>& existing);

/// The columns of `existing` that no history table has (anything but `name` and the columns
/// above): a table with any, or without `name`, belongs to someone else.
std::vector<std::string> foreign_history_columns(const std::vector<std::string>& existing);

}  // namespace forge::core
