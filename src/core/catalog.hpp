#pragma once
#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/unit.hpp"

namespace forge::core {

/// A unit known from its file, from the history table, or both.
struct Entry {
  std::string name;                 ///< the unit's stem
  std::string version;              ///< leading digits of the name
  const Unit* unit = nullptr;       ///< nullptr: in the history, but its file is gone
  const HistoryRow* row = nullptr;  ///< nullptr: never run (pending)

  /// Ran to the end.
  bool is_applied() const noexcept { return row != nullptr && row->state == RowState::applied; }
  /// Stopped part-way on an earlier run, or under way now (see is_running).
  bool is_failed() const noexcept { return row != nullptr && row->state != RowState::applied; }
  /// Run statement by statement and not finished: under way, or its run was interrupted.
  bool is_running() const noexcept {
    return row != nullptr && (row->state == RowState::running || row->state == RowState::reverting);
  }
  /// Its down was under way statement by statement, and has not finished.
  bool is_reverting() const noexcept { return row != nullptr && row->state == RowState::reverting; }
  /// Neither applied nor failed.
  bool is_pending() const noexcept { return row == nullptr; }
  bool has_file() const noexcept { return unit != nullptr; }
  /// The name its history row has, or will have: sequelize-cli's rows keep their `.js`.
  const std::string& stored_name() const noexcept {
    if (row != nullptr) return row->name;
    return unit != nullptr && !unit->history_name.empty() ? unit->history_name : name;
  }
  /// Applied, but the file's up section is no longer what ran (a row without a checksum,
  /// written by another tool, is never changed).
  bool is_changed() const noexcept {
    return is_applied() && has_file() && !row->checksum.empty() &&
           row->checksum != unit->checksum.value();
  }
};

/// Units and history merged into one ordered list (version as a number, then name). A row
/// matches the unit its name gives without a script extension (`20240315-x.js` is `20240315-x`).
/// Holds pointers into `units` and `history`: both must outlive the catalog.
class Catalog {
 public:
  Catalog(const std::vector<Unit>& units, const std::vector<HistoryRow>& history);
  /// Every entry, in order.
  const std::vector<Entry>& entries() const noexcept { return m_entries; }
  /// Position of `entry` in entries().
  std::size_t index_of(const Entry& entry) const noexcept {
    return static_cast<std::size_t>(&entry - m_entries.data());
  }

 private:
  std::vector<Entry> m_entries;
};

}  // namespace forge::core
