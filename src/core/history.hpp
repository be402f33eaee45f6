#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/statement_hashes.hpp"

namespace forge::core {

/// What a history row says about its unit.
enum class RowState {
  applied,    ///< the unit ran to the end
  failed,     ///< a unit run outside a transaction stopped part-way; see statements_done
  running,    ///< a unit run outside a transaction is under way, or its run was interrupted
  reverting,  ///< the same for its down: statements_done counts the down's statements
};

/// One row of the history table.
struct HistoryRow {
  std::string name;        ///< the unit's stem, primary key
  std::string checksum;    ///< SHA-256 of the up section when it was applied
  std::string applied_at;  ///< UTC, ISO-8601 with milliseconds
  std::int64_t execution_ms = 0;
  RowState state = RowState::applied;
  int statements_done = 0;  ///< failed: how many statements took effect before the failure;
                            ///< k_unknown_count when the stored value is no count (edited by hand)
  std::string statement_hashes;  ///< failed/running: SHA-256 of statements 1..max(done, in_flight)
  int in_flight = 0;             ///< running: 1-based statement sent whose outcome is not recorded
  std::string holder;            ///< running: who runs it ("pid 12 on host-a since <UTC>")
  std::string session;           ///< running: the dialect's tag of the session that runs it
};

/// `statements_done` of a row whose stored value is not a count from 0 up.
inline constexpr int k_unknown_count = -1;

/// "3 statement(s)", or "an unknown number of statements" for k_unknown_count.
std::string statements_text(int count);

/// The `progress` column: in_flight, holder and session of `row` as one text
/// ("in_flight=2;session=...;holder=..."); empty when all three are.
std::string encode_progress(const HistoryRow& row);
/// Fills in_flight, holder and session of `row` from a `progress` text; unknown keys and a
/// malformed text (another tool's) leave them empty.
void decode_progress(const std::string& text, HistoryRow& row);

/// The unit a stored name stands for: sequelize-cli records `20240315102344-x.js` (or .cjs,
/// .mjs, .ts) for the unit forge calls `20240315102344-x`; other names are unit names already.
/// A view into `stored_name`.
std::string_view unit_name_of(std::string_view stored_name);

/// The text stored in the `state` column.
const char* state_name(RowState state);
/// Reads the `state` column: "failed", "running", and anything else (an older forge wrote
/// none) is applied.
RowState parse_state(const std::string& text);

}  // namespace forge::core
