#pragma once
#include <string>
#include <vector>

#include "trial.hpp"

namespace forge::fault {

/// The trials of one dialect and fault kind, counted.
struct Tally {
  std::string dialect, fault;
  int trials = 0;
  long applied_twice = 0, lost = 0, unrecorded = 0;  ///< statements / units, summed over trials
  int needs_person = 0, schema_mismatch = 0, failed = 0;  ///< trials
  int too_late = 0;  ///< trials whose faulted runs all exited 0
  std::vector<Millis> rerun_times;

  void add(const TrialRecord& record);
  /// The median rerun time; zero without trials.
  Millis median_rerun() const;
};

/// Every tally of this run of the harness, printed as a table at the end.
class Report {
 public:
  /// The tally of `dialect` × `fault`, created on first use; tallies keep their order.
  Tally& tally(const std::string& dialect, const std::string& fault);
  /// A markdown table, one row per tally, headed by the seed and the trials asked for.
  std::string markdown(unsigned long seed, int trials_per_cell) const;

 private:
  std::vector<Tally> m_tallies;
};

}  // namespace forge::fault
