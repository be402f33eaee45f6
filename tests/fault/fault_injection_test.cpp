// The fault-injection harness of issue 10: forge's promise that a unit's statements run exactly
// once ("a statement that took effect is never run again, one that did not is never recorded,
// and no person has to edit the history to get going again"), tried against faults at random
// moments of a real `forge db:migrate`: SIGKILL, SIGTERM (then SIGKILL after a grace period),
// three forges at once with some SIGKILLed, and a SIGKILLed and restarted database server.
// After each fault comes the plain rerun a user would type, which must exit 0 and leave every
// statement applied once, every unit recorded, and the schema of a clean run.
//
// It knows forge only as a binary: exit codes and the databases' contents, read through each
// database's own catalogs. The servers are its own (tests/servers/throwaway-servers on free
// ports), so killing them disturbs nobody. FORGE_FAULT_TRIALS (default 5) trials per dialect
// and fault, FORGE_FAULT_SEED replays a run, FORGE_FAULT_REPORT names a file for the summary
// table (markdown). RELIABILITY.md says how to run it by hand and what it measured.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <tuple>

#include "catalog_probe.hpp"
#include "report.hpp"
#include "test_database.hpp"
#include "trial.hpp"

namespace forge::fault {
namespace {

int trials_per_cell() {
  const char* value = std::getenv("FORGE_FAULT_TRIALS");
  return value != nullptr && *value != '\0' ? std::atoi(value) : 5;
}

unsigned long chosen_seed() {
  const char* value = std::getenv("FORGE_FAULT_SEED");
  if (value != nullptr && *value != '\0') return std::strtoul(value, nullptr, 10);
  return std::random_device{}();
}

// Shared by every test of the binary: the seed, the servers (started on first need), the clean
// runs, and the report printed (and written to FORGE_FAULT_REPORT) at the end.
class Harness : public ::testing::Environment {
 public:
  static Harness& get() {
    static Harness* harness = new Harness;  // gtest owns it once registered
    return *harness;
  }

  void SetUp() override {
    std::cout << "[fault] seed " << seed << " (replay with FORGE_FAULT_SEED=" << seed << "), "
              << trials_per_cell() << " trials per dialect and fault" << std::endl;
  }

  void TearDown() override {
    const std::string table = report.markdown(seed, trials_per_cell());
    std::cout << "\n" << table << std::endl;
    if (const char* file = std::getenv("FORGE_FAULT_REPORT"); file != nullptr && *file != '\0') {
      std::ofstream(file) << table;
    }
    m_servers.reset();
  }

  const OwnedServers* servers_for(const std::string& dialect) {
    if (dialect == "sqlite") return nullptr;
    if (!m_servers) m_servers = std::make_unique<OwnedServers>();
    return m_servers.get();
  }

  const Reference& reference(const TrialSetup& setup) {
    auto found = m_references.find(setup.dialect);
    if (found == m_references.end()) {
      found = m_references.emplace(setup.dialect, clean_run(setup)).first;
      std::cout << "[fault] " << setup.dialect << ": a clean run takes "
                << found->second.run_time.count() << " ms" << std::endl;
    }
    return found->second;
  }

  TrialSetup setup(const std::string& dialect) {
    return TrialSetup{dialect, workload_for(dialect), servers_for(dialect)};
  }

  const unsigned long seed = chosen_seed();
  Report report;

 private:
  Harness() = default;
  std::unique_ptr<OwnedServers> m_servers;
  std::map<std::string, Reference> m_references;
};

[[maybe_unused]] ::testing::Environment* const k_harness =
    ::testing::AddGlobalTestEnvironment(&Harness::get());

// Each dialect × fault draws from its own stream, so one of them replays alone too.
std::mt19937 random_for(const std::string& dialect, FaultKind kind) {
  std::seed_seq seeds{static_cast<unsigned>(Harness::get().seed), static_cast<unsigned>(kind),
                      static_cast<unsigned>(dialect.size()), static_cast<unsigned>(dialect[0])};
  return std::mt19937(seeds);
}

std::string explain(const TrialRecord& record) {
  std::ostringstream out;
  out << describe(record) << "\n";
  for (const auto& detail : record.findings.details) out << "  " << detail << "\n";
  out << "the rerun:" << record.rerun;
  return out.str();
}

using Cell = std::tuple<std::string, FaultKind>;

class FaultInjection : public ::testing::TestWithParam<Cell> {};

TEST_P(FaultInjection, APlainRerunAfterEachFaultLeavesEveryStatementAppliedExactlyOnce) {
  const auto& [dialect, kind] = GetParam();
  Harness& harness = Harness::get();
  const TrialSetup setup = harness.setup(dialect);
  const Reference& reference = harness.reference(setup);
  Tally& tally = harness.report.tally(dialect, fault_name(kind));
  auto random = random_for(dialect, kind);
  int explained = 0;
  for (int number = 1; number <= trials_per_cell(); ++number) {
    const TrialRecord record = run_trial(setup, reference, kind, number, random);
    tally.add(record);
    std::cout << "[fault] " << dialect << " " << fault_name(kind) << " " << describe(record)
              << std::endl;
    for (const auto& detail : record.findings.details) std::cout << "    " << detail << "\n";
    if (!record.passed() && explained++ < 3) ADD_FAILURE() << explain(record);
  }
  EXPECT_EQ(tally.applied_twice, 0) << "statements applied twice";
  EXPECT_EQ(tally.lost, 0) << "statements lost";
  EXPECT_EQ(tally.needs_person, 0) << "reruns that did not exit 0";
  EXPECT_EQ(tally.schema_mismatch, 0) << "final schemas unlike a clean run's";
  EXPECT_EQ(tally.unrecorded, 0) << "units not recorded applied";
}

std::string cell_name(const ::testing::TestParamInfo<Cell>& info) {
  const char* faults[] = {"sigkill", "sigterm", "concurrent", "server_kill"};
  return std::get<0>(info.param) + "_" + faults[static_cast<int>(std::get<1>(info.param))];
}

INSTANTIATE_TEST_SUITE_P(Sqlite, FaultInjection,
                         ::testing::Combine(::testing::Values("sqlite"),
                                            ::testing::Values(FaultKind::sigkill,
                                                              FaultKind::sigterm,
                                                              FaultKind::concurrent)),
                         cell_name);
INSTANTIATE_TEST_SUITE_P(
    Servers, FaultInjection,
    ::testing::Combine(::testing::Values("postgres", "mysql"),
                       ::testing::Values(FaultKind::sigkill, FaultKind::sigterm,
                                         FaultKind::concurrent, FaultKind::server_kill)),
    cell_name);

// The checks themselves must be able to fail: on a migrated database, a duplicated effect, a row
// no statement writes, a doubled UPDATE, a deleted effect, an added column and a unit marked
// failed are all seen.
class Inspection : public ::testing::TestWithParam<std::string> {};

TEST_P(Inspection, SeesAStatementAppliedTwiceALostOneAChangedSchemaAndAnUnrecordedUnit) {
  const std::string dialect = GetParam();
  Harness& harness = Harness::get();
  const TrialSetup setup = harness.setup(dialect);
  const forge::testing::TestDatabase database(
      dialect, setup.servers == nullptr ? "" : setup.servers->admin_url(dialect));
  const e2e::Project project;
  write_units(project, setup.workload);
  const auto run = project.forge(migrate_args(database.url()));
  ASSERT_EQ(run.exit_code, 0) << run;
  const auto schema = schema_of(database.url());
  ASSERT_TRUE(inspect(database.url(), setup.workload, schema).clean());

  const e2e::CatalogProbe db(database.url());
  db.execute("INSERT INTO effects (unit, step) VALUES ('u2', 3)");
  db.execute("INSERT INTO effects (unit, step) VALUES ('u9', 1)");
  db.execute("UPDATE accounts SET balance = 2 WHERE id = 1");
  db.execute("DELETE FROM effects WHERE unit = 'u4' AND step = 1");
  db.execute("ALTER TABLE audit ADD COLUMN extra INTEGER");
  const std::string meta = dialect == "postgres" ? "\"ForgeMeta\"" : "ForgeMeta";
  db.execute("UPDATE " + meta + " SET state = 'failed' WHERE name = '20240101000003-reshape'");
  const Findings findings = inspect(database.url(), setup.workload, schema);

  EXPECT_EQ(findings.applied_twice, 3);
  EXPECT_EQ(findings.lost, 1);
  EXPECT_EQ(findings.unrecorded, 1);
  EXPECT_TRUE(findings.schema_differs);
}

INSTANTIATE_TEST_SUITE_P(AllDialects, Inspection, ::testing::Values("sqlite", "postgres", "mysql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace forge::fault
