#include "report.hpp"

#include <algorithm>
#include <sstream>

namespace forge::fault {

void Tally::add(const TrialRecord& record) {
  ++trials;
  applied_twice += record.findings.applied_twice;
  lost += record.findings.lost;
  unrecorded += record.findings.unrecorded;
  if (record.needs_person()) ++needs_person;
  if (record.findings.schema_differs) ++schema_mismatch;
  if (!record.passed()) ++failed;
  if (record.fault_came_too_late()) ++too_late;
  rerun_times.push_back(record.rerun_time);
}

Millis Tally::median_rerun() const {
  if (rerun_times.empty()) return Millis(0);
  auto sorted = rerun_times;
  std::sort(sorted.begin(), sorted.end());
  return sorted[sorted.size() / 2];
}

Tally& Report::tally(const std::string& dialect, const std::string& fault) {
  for (auto& tally : m_tallies) {
    if (tally.dialect == dialect && tally.fault == fault) return tally;
  }
  Tally& added = m_tallies.emplace_back();
  added.dialect = dialect;
  added.fault = fault;
  return added;
}

std::string Report::markdown(unsigned long seed, int trials_per_cell) const {
  std::ostringstream out;
  out << "seed " << seed << " (FORGE_FAULT_SEED), " << trials_per_cell
      << " trials per dialect and fault (FORGE_FAULT_TRIALS)\n\n"
      << "| dialect | fault | trials | statements applied twice | statements lost | "
         "reruns needing a person | schema mismatches | units not recorded applied | "
         "failed trials | faulted runs all exited 0 | median rerun |\n"
      << "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const auto& t : m_tallies) {
    out << "| " << t.dialect << " | " << t.fault << " | " << t.trials << " | " << t.applied_twice
        << " | " << t.lost << " | " << t.needs_person << " | " << t.schema_mismatch << " | "
        << t.unrecorded << " | " << t.failed << " | " << t.too_late << " | "
        << t.median_rerun().count() << " ms |\n";
  }
  return out.str();
}

}  // namespace forge::fault
