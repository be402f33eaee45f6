#pragma once
#include <chrono>
#include <cstddef>
#include <string>

#include "core/catalog.hpp"
#include "core/statement_hashes.hpp"

namespace forge::core {

/// The one place the history rows of a unit's run are filled in: the runner's progress and
/// final rows, and the rows a person's resolve or baseline writes.
class RowFactory {
 public:
  /// Rows for `entry` running `section`; `session` is the connection's session_tag().
  RowFactory(const Entry& entry, const Section& section, std::string session);

  /// Statement number count+1 of the section, as a run goes through it: rows then name the
  /// statements taken without reading the section again (a large unit's are not held).
  void take(const Statement& statement);

  /// The unit ran to the end.
  HistoryRow applied(std::chrono::steady_clock::duration elapsed) const;
  /// Statement by statement: `done` statements took effect and `in_flight` (1-based, 0 for
  /// none) was sent. With every statement done and none in flight, the applied row.
  HistoryRow running(std::size_t done, std::size_t in_flight,
                     std::chrono::steady_clock::duration elapsed) const;
  /// Like running(), but never the applied row: for a program whose statements are known only
  /// as it sends them, where having done every statement so far is not the end.
  HistoryRow progress(std::size_t done, std::size_t in_flight,
                      std::chrono::steady_clock::duration elapsed) const;
  /// A down run statement by statement: `done` of its statements took effect, `in_flight` sent.
  HistoryRow reverting(std::size_t done, std::size_t in_flight,
                       std::chrono::steady_clock::duration elapsed) const;
  /// Stopped by a failing statement after `done` statements took effect.
  HistoryRow failed(std::size_t done, std::chrono::steady_clock::duration elapsed) const;

 private:
  HistoryRow base(std::chrono::steady_clock::duration elapsed) const;
  HistoryRow without_checksum(std::chrono::steady_clock::duration elapsed) const;
  std::string hashes_of(std::size_t count) const;

  const Entry& m_entry;
  const Section& m_section;
  std::string m_session;
  std::string m_holder;
  mutable StatementHashes m_hashes;  ///< of the section's first statements, as far as taken
};

/// The row recording `entry` as applied without running it (resolve --applied, baseline): the
/// name its row has or will have (a sequelize-cli `.js` twin's), its file's checksum.
HistoryRow settled_row(const Entry& entry);

}  // namespace forge::core
