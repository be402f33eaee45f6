#include "core/resume.hpp"

#include <algorithm>
#include <vector>

#include "core/history.hpp"

namespace forge::core {

namespace {

// Whether `stored` records the first `done` statements of `section` (read, not held).
bool same_statements(const Section& section, std::size_t done, const std::string& stored) {
  StatementHashes hashes;
  section.statements.visit([&](const Statement& statement) {
    if (hashes.count() == done) return false;
    hashes.add(statement.text);
    return true;
  });
  return hashes.count() == done && hashes.matches(stored, done);
}

// Past this many statements, a message names the first and last lines only: a large unit's
// would name thousands.
constexpr std::size_t k_lines_listed = 10;

}  // namespace

std::string describe_done(const Section& section, std::size_t done) {
  if (done == 0) return "no statement";
  std::vector<int> lines;
  std::size_t seen = 0;
  section.statements.visit([&](const Statement& statement) {
    if (seen++ == done) return false;
    if (lines.size() == k_lines_listed && done > k_lines_listed) lines.pop_back();
    lines.push_back(statement.line);
    return true;
  });
  std::string text = done == 1 ? "statement 1" : "statements 1-" + std::to_string(done);
  text += done == 1 ? " (line " : " (lines ";
  if (done > k_lines_listed && lines.size() == k_lines_listed) {
    return text + std::to_string(lines.front()) + "-" + std::to_string(lines.back()) + ")";
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(lines[i]);
  }
  return text + ")";
}

RefusedError refuse_failed_unit(const Entry& failed, const std::string& why) {
  const int done = failed.row != nullptr ? failed.row->statements_done : 0;
  return RefusedError(
      failed.name + " failed part-way on an earlier run (" + statements_text(done) +
          " had taken effect): " + why,
      "Check the database by hand, then settle it: 'forge db:migrate:resolve " + failed.name +
          " --applied' if it is now fully applied, or '--rolled-back' if you reverted what had "
          "taken effect.");
}

namespace {

std::size_t checked_resume(const Entry& failed, const Section& up) {
  if (failed.row->statements_done < 0) {
    throw refuse_failed_unit(failed,
                             "its history row holds no count of the statements that "
                             "took effect (statements_done was changed by hand)");
  }
  const auto done = static_cast<std::size_t>(failed.row->statements_done);
  // The statement in flight is hashed too: the catalog is asked about that very statement.
  const auto in_flight = static_cast<std::size_t>(failed.row->in_flight);
  const std::size_t hashed = std::max(done, in_flight);
  // A program's statements are known only as it sends them: the run compares each with its hash.
  const bool changed =
      !is_program(up) && !same_statements(up, hashed, failed.row->statement_hashes);
  if (changed || (in_flight != 0 && in_flight != done + 1)) {
    throw refuse_failed_unit(failed, "the statements that took effect (" + std::to_string(done) +
                                         ") have changed in " + up.file +
                                         " since, so forge cannot tell where to resume");
  }
  return done;
}

}  // namespace

std::size_t resume_point(const Entry& failed) {
  if (!failed.has_file()) throw refuse_failed_unit(failed, "its file is missing");
  return checked_resume(failed, failed.unit->up);
}

std::size_t revert_point(const Entry& reverting) {
  if (!reverting.has_file() || !reverting.unit->down) {
    throw refuse_failed_unit(reverting, "its file or its down section is missing");
  }
  return checked_resume(reverting, *reverting.unit->down);
}

}  // namespace forge::core
