#include "trial.hpp"

#include <algorithm>
#include <csignal>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "test_database.hpp"

namespace forge::fault {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr int k_concurrent_forges = 3;
constexpr auto k_term_grace = 5s;   // as Kubernetes' terminationGracePeriodSeconds, shortened
constexpr auto k_run_limit = 120s;  // any run: lock-timeout 30 + wait 30 + the units, with margin

std::string admin_url(const TrialSetup& setup) {
  return setup.servers == nullptr ? "" : setup.servers->admin_url(setup.dialect);
}

Millis since(Clock::time_point start) {
  return std::chrono::duration_cast<Millis>(Clock::now() - start);
}

std::string status_of(const e2e::ProcessResult& result) {
  if (result.timed_out) return "still running: SIGKILLed";
  if (result.signal != 0) return "sig" + std::to_string(result.signal);
  return std::to_string(result.exit_code);
}

Millis random_moment(Millis run_time, std::mt19937& rng) {
  return Millis(std::uniform_int_distribution<long>(0, run_time.count())(rng));
}

// `signal` at `at`; then waits `grace` for forge to end by itself before SIGKILL.
std::string signal_at(const e2e::Project& project, const std::string& url, Millis at, int signal,
                      Millis grace) {
  auto forge = project.start_forge(migrate_args(url));
  std::this_thread::sleep_for(at);
  forge->signal(signal);
  return status_of(forge->wait_at_most(grace));
}

// Three forges at once; each is a victim with even odds (at least one is), SIGKILLed at its own
// random moment. Returns the earliest moment.
Millis kill_some_of_many(const e2e::Project& project, const std::string& url, Millis run_time,
                         std::mt19937& rng, std::string& statuses) {
  std::vector<std::unique_ptr<e2e::Process>> forges;
  const auto start = Clock::now();
  for (int i = 0; i < k_concurrent_forges; ++i)
    forges.push_back(project.start_forge(migrate_args(url)));
  std::vector<std::pair<Millis, int>> kills;  // moment, victim
  const int forced = std::uniform_int_distribution<int>(0, k_concurrent_forges - 1)(rng);
  for (int i = 0; i < k_concurrent_forges; ++i) {
    if (i == forced || std::bernoulli_distribution(0.5)(rng)) {
      kills.emplace_back(random_moment(run_time, rng), i);
    }
  }
  std::sort(kills.begin(), kills.end());
  for (const auto& [at, victim] : kills) {
    std::this_thread::sleep_until(start + at);
    forges[victim]->signal(SIGKILL);
  }
  for (auto& forge : forges) {
    statuses += (statuses.empty() ? "" : ",") + status_of(forge->wait_at_most(k_run_limit));
  }
  return kills.front().first;
}

// The server SIGKILLed at `at` and restarted at once; forge meets the crash wherever it is.
std::string kill_server_at(const e2e::Project& project, const TrialSetup& setup,
                           const std::string& url, Millis at) {
  auto forge = project.start_forge(migrate_args(url));
  std::this_thread::sleep_for(at);
  setup.servers->kill(setup.dialect);
  setup.servers->restart(setup.dialect);
  return status_of(forge->wait_at_most(k_run_limit));
}

void inject(const e2e::Project& project, const TrialSetup& setup, const std::string& url,
            Millis run_time, FaultKind kind, std::mt19937& rng, TrialRecord& record) {
  if (kind == FaultKind::concurrent) {
    record.fault_at = kill_some_of_many(project, url, run_time, rng, record.faulted);
    return;
  }
  record.fault_at = random_moment(run_time, rng);
  switch (kind) {
    case FaultKind::sigkill:
      record.faulted = signal_at(project, url, record.fault_at, SIGKILL, k_run_limit);
      break;
    case FaultKind::sigterm:
      record.faulted = signal_at(project, url, record.fault_at, SIGTERM, k_term_grace);
      break;
    case FaultKind::server_kill:
      record.faulted = kill_server_at(project, setup, url, record.fault_at);
      break;
    case FaultKind::concurrent:
      break;
  }
}

}  // namespace

std::vector<std::string> migrate_args(const std::string& url) {
  return {"db:migrate", "--url", url, "--lock-timeout", "30", "--wait", "30"};
}

void write_units(const e2e::Project& project, const Workload& workload) {
  for (const auto& unit : workload.units) {
    project.write("migrations/" + unit.name + ".sql", unit.text);
  }
}

std::string fault_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::sigkill:
      return "SIGKILL";
    case FaultKind::sigterm:
      return "SIGTERM";
    case FaultKind::concurrent:
      return "3 concurrent, SIGKILL";
    case FaultKind::server_kill:
      return "server kill -9";
  }
  return "?";
}

Reference clean_run(const TrialSetup& setup) {
  const forge::testing::TestDatabase database(setup.dialect, admin_url(setup));
  const e2e::Project project;
  write_units(project, setup.workload);
  const auto start = Clock::now();
  const auto run = project.forge(migrate_args(database.url()), {}, k_run_limit);
  Reference reference{since(start), schema_of(database.url())};
  const Findings findings = inspect(database.url(), setup.workload, reference.schema);
  if (run.exit_code != 0 || !findings.clean()) {
    std::ostringstream message;
    message << "the clean run on " << setup.dialect << " failed; fix the harness first:" << run;
    for (const auto& detail : findings.details) message << detail << "\n";
    throw std::runtime_error(message.str());
  }
  return reference;
}

TrialRecord run_trial(const TrialSetup& setup, const Reference& reference, FaultKind kind,
                      int number, std::mt19937& rng) {
  const forge::testing::TestDatabase database(setup.dialect, admin_url(setup));
  const e2e::Project project;
  write_units(project, setup.workload);
  TrialRecord record;
  record.number = number;
  inject(project, setup, database.url(), reference.run_time, kind, rng, record);
  const auto start = Clock::now();
  record.rerun = project.forge(migrate_args(database.url()), {}, k_run_limit);
  record.rerun_time = since(start);
  record.findings = inspect(database.url(), setup.workload, reference.schema);
  return record;
}

bool TrialRecord::fault_came_too_late() const {
  std::istringstream statuses(faulted);
  std::string status;
  while (std::getline(statuses, status, ',')) {
    if (status != "0") return false;
  }
  return true;
}

std::string describe(const TrialRecord& record) {
  std::ostringstream line;
  line << "#" << record.number << " fault at " << record.fault_at.count()
       << " ms, faulted run: " << record.faulted << "; rerun: " << status_of(record.rerun) << " in "
       << record.rerun_time.count() << " ms; ";
  if (record.passed()) return line.str() + "ok";
  const auto& f = record.findings;
  line << "FAILED: applied twice " << f.applied_twice << ", lost " << f.lost << ", unrecorded "
       << f.unrecorded << (f.schema_differs ? ", schema differs" : "")
       << (record.needs_person() ? ", rerun needs a person" : "");
  return line.str();
}

}  // namespace forge::fault
