#include "core/history_rows.hpp"

#include <algorithm>

#include "util/process_identity.hpp"
#include "util/utc_clock.hpp"

namespace forge::core {

namespace {

std::string now_text() { return util::iso8601_utc(std::chrono::system_clock::now()); }

// Asked of the system once: two system calls per unit showed up in the cost of applying many.
const std::string& this_process() {
  static const std::string process = util::this_process();
  return process;
}

// Whether `section` has `count` statements, counted without holding them (a large unit's).
bool holds_exactly(const Section& section, std::size_t count) {
  std::size_t seen = 0;
  section.statements.visit([&](const Statement&) { return ++seen <= count; });
  return seen == count;
}

}  // namespace

RowFactory::RowFactory(const Entry& entry, const Section& section, std::string session)
    : m_entry(entry),
      m_section(section),
      m_session(std::move(session)),
      m_holder(this_process() + " since " + now_text()) {}

void RowFactory::take(const Statement& statement) { m_hashes.add(statement.text); }

// The stored hashes of the first `count` statements (as many as the section has), hashing each
// statement once in a run that goes forward; an earlier count hashes the section again.
std::string RowFactory::hashes_of(std::size_t count) const {
  if (m_hashes.knows(count)) return m_hashes.stored(count);
  StatementHashes earlier;
  StatementHashes& hashes = count > m_hashes.count() ? m_hashes : earlier;
  std::size_t index = 0;
  m_section.statements.visit([&](const Statement& statement) {
    if (hashes.count() == count) return false;
    if (index++ >= hashes.count()) hashes.add(statement.text);
    return true;
  });
  return hashes.stored(hashes.count());
}

HistoryRow RowFactory::base(std::chrono::steady_clock::duration elapsed) const {
  HistoryRow row = without_checksum(elapsed);
  row.checksum = m_entry.unit->checksum.value();
  return row;
}

// A row without the file's checksum: a reverting unit keeps the one it was applied with, and a
// large unit's is not worked out (a read of every row) for nothing.
HistoryRow RowFactory::without_checksum(std::chrono::steady_clock::duration elapsed) const {
  HistoryRow row;
  row.name = m_entry.stored_name();
  row.applied_at = now_text();
  row.execution_ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
  return row;
}

HistoryRow RowFactory::applied(std::chrono::steady_clock::duration elapsed) const {
  return base(elapsed);
}

HistoryRow RowFactory::running(std::size_t done, std::size_t in_flight,
                               std::chrono::steady_clock::duration elapsed) const {
  if (in_flight == 0 && holds_exactly(m_section, done)) return applied(elapsed);
  return progress(done, in_flight, elapsed);
}

HistoryRow RowFactory::progress(std::size_t done, std::size_t in_flight,
                                std::chrono::steady_clock::duration elapsed) const {
  HistoryRow row = base(elapsed);
  row.state = RowState::running;
  row.statements_done = static_cast<int>(done);
  row.in_flight = static_cast<int>(in_flight);
  row.statement_hashes = hashes_of(std::max(done, in_flight));
  row.holder = m_holder;
  row.session = m_session;
  return row;
}

HistoryRow RowFactory::reverting(std::size_t done, std::size_t in_flight,
                                 std::chrono::steady_clock::duration elapsed) const {
  HistoryRow row = m_entry.row != nullptr ? without_checksum(elapsed) : base(elapsed);
  row.state = RowState::reverting;  // never the applied row: the last write of a down erases it
  row.statements_done = static_cast<int>(done);
  row.in_flight = static_cast<int>(in_flight);
  row.statement_hashes = hashes_of(std::max(done, in_flight));
  row.holder = m_holder;
  row.session = m_session;
  if (m_entry.row != nullptr) {  // it keeps when it was applied
    row.checksum = m_entry.row->checksum;
    row.applied_at = m_entry.row->applied_at;
  }
  return row;
}

HistoryRow RowFactory::failed(std::size_t done, std::chrono::steady_clock::duration elapsed) const {
  HistoryRow row = base(elapsed);
  row.state = RowState::failed;
  row.statements_done = static_cast<int>(done);
  row.statement_hashes = hashes_of(done);
  return row;
}

HistoryRow settled_row(const Entry& entry) {
  HistoryRow row;
  row.name = entry.stored_name();
  row.checksum = entry.has_file() ? entry.unit->checksum.value() : entry.row->checksum;
  row.applied_at = now_text();
  return row;
}

}  // namespace forge::core
