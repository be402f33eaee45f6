#pragma once
#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "inspection.hpp"
#include "owned_servers.hpp"
#include "process.hpp"
#include "project.hpp"
#include "workload.hpp"

namespace forge::fault {

using Millis = std::chrono::milliseconds;

/// The faults a trial injects into a running `forge db:migrate`.
enum class FaultKind {
  sigkill,     ///< SIGKILL of forge at a random moment
  sigterm,     ///< SIGTERM at a random moment, SIGKILL if still running 5 s later
  concurrent,  ///< three forges started together, a random non-empty subset SIGKILLed
  server_kill  ///< SIGKILL of the database server at a random moment, then a restart
};

/// The fault's name in reports: `SIGKILL`, `SIGTERM`, ...
std::string fault_name(FaultKind kind);

/// What a clean run on a fresh database gives: the yardstick of every trial.
struct Reference {
  Millis run_time{0};               ///< how long `forge db:migrate` took, start to exit
  std::vector<std::string> schema;  ///< schema_of() the migrated database
};

/// Where trials run: the dialect, its workload and, for server dialects, the owned servers.
struct TrialSetup {
  std::string dialect;
  Workload workload;
  const OwnedServers* servers = nullptr;  ///< null for SQLite
};

/// One trial: the fault, the plain rerun after it, and what the database held then.
struct TrialRecord {
  int number = 0;
  Millis fault_at{0};   ///< when the (first) fault hit, after forge started
  std::string faulted;  ///< how the faulted run(s) ended: `sig9`, `3`, `143`, `0,sig9,0`
  e2e::ProcessResult rerun;
  Millis rerun_time{0};
  Findings findings;

  /// Every faulted run exited 0: the fault came after forge had finished (or, for a server
  /// kill, while it was still waiting to connect), so the trial tried nothing hard.
  bool fault_came_too_late() const;
  /// The rerun alone did not finish the job: a person would have to step in.
  bool needs_person() const { return rerun.exit_code != 0; }
  bool passed() const { return !needs_person() && findings.clean(); }
};

/// The arguments of every run, faulted or not: exactly what a user runs, `db:migrate` with
/// `--lock-timeout 30 --wait 30`.
std::vector<std::string> migrate_args(const std::string& url);
/// Writes the workload's units into `project`'s migrations folder.
void write_units(const e2e::Project& project, const Workload& workload);

/// Migrates a fresh database once without faults; throws std::runtime_error when that fails or
/// leaves anything but the workload's effects, each once (then the harness, not forge, is wrong).
Reference clean_run(const TrialSetup& setup);

/// Runs trial `number` of `kind` on a fresh database, with random moments drawn from `rng`.
TrialRecord run_trial(const TrialSetup& setup, const Reference& reference, FaultKind kind,
                      int number, std::mt19937& rng);

/// One line about a trial, for the log: the fault, both runs' ends and the findings.
std::string describe(const TrialRecord& record);

}  // namespace forge::fault
