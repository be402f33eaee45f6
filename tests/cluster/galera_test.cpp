// forge on a real 3-node MariaDB Galera cluster (issue 11): the lease lock spans the nodes, a
// dead holder's lease is taken over, concurrent forges on every node apply each unit exactly
// once, and a killed or isolated node is an availability error (exit 3), not a failed unit.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <thread>

#include "owned_cluster.hpp"
#include "process.hpp"

namespace forge::cluster {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int k_units = 16;  // half DDL, half data-only

class Galera : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { s_cluster = new OwnedCluster(); }
  static void TearDownTestSuite() {
    delete s_cluster;
    s_cluster = nullptr;
  }

  void SetUp() override {
    static int counter = 0;
    m_database = "galera_" + std::to_string(++counter);
    m_project = fs::temp_directory_path() / ("forge-galera-project-" + m_database);
    fs::remove_all(m_project);
    fs::create_directories(m_project / "migrations");
    create_database();
  }

  // Creates the database on node 1 and waits until every node has applied that: replication is
  // synchronous, applying it on the other nodes is not.
  void create_database() {
    s_cluster->sql(1, "DROP DATABASE IF EXISTS " + m_database + "; CREATE DATABASE " + m_database);
    for (int n = 2; n <= 3; ++n) {
      s_cluster->sql(n, "SET SESSION wsrep_sync_wait = 15; SELECT 1; USE " + m_database);
    }
  }
  void TearDown() override { fs::remove_all(m_project); }

  void unit(int number, const std::string& up) {
    char name[64];
    std::snprintf(name, sizeof name, "20240101%06d-u%02d.sql", number, number);
    std::ofstream(m_project / "migrations" / name) << "-- forge:up\n" << up << "\n-- forge:down\n";
  }

  // The workload: an effects table, then DDL units and data-only INSERT units alternating.
  void workload(const std::string& slow_sql = "") {
    unit(0, "CREATE TABLE effects (id INT AUTO_INCREMENT PRIMARY KEY, unit INT NOT NULL);");
    for (int i = 1; i <= k_units; ++i) {
      unit(i, i % 2 ? "CREATE TABLE t" + std::to_string(i) + " (id INT PRIMARY KEY);"
                    : "INSERT INTO effects (unit) VALUES (" + std::to_string(i) + ");");
    }
    if (!slow_sql.empty()) {
      // The DDL makes MySQL run the unit statement by statement (no transaction), so the row of
      // unit 100 is visible while the slow statement runs.
      unit(k_units + 1,
           "CREATE TABLE slow_started (id INT PRIMARY KEY);\n"
           "INSERT INTO effects (unit) VALUES (100);\n" +
               slow_sql + "\nINSERT INTO effects (unit) VALUES (101);");
    }
  }

  e2e::ProcessSpec forge(int node, const std::vector<std::string>& args) const {
    e2e::ProcessSpec spec;
    spec.argv = {FORGE_BINARY, "db:migrate", "--url", s_cluster->url(node, m_database)};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.cwd = m_project;
    spec.timeout = 180s;
    return spec;
  }

  std::string query(const std::string& sql) const {
    std::string out = s_cluster->sql(1, "USE " + m_database + "; " + sql);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  // Waits (up to a minute) until the slow unit has begun: the forge holds the lease and is inside
  // the unit. A fixed sleep would race a loaded machine.
  void wait_for_slow_unit() const {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      try {
        if (query("SELECT COUNT(*) FROM effects WHERE unit = 100") == "1") return;
      } catch (const std::exception&) {
        // The effects table is not there yet.
      }
      std::this_thread::sleep_for(100ms);
    }
    FAIL() << "the slow unit did not start within a minute";
  }

  // Every unit applied exactly once: its effect row once, its table there, its history applied.
  void expect_each_unit_once(int extra_units = 0, int extra_rows = 0) {
    EXPECT_EQ(query("SELECT COUNT(*) FROM effects"), std::to_string(k_units / 2 + extra_rows));
    EXPECT_EQ(query("SELECT COUNT(*) FROM (SELECT unit FROM effects GROUP BY unit HAVING "
                    "COUNT(*) > 1) d"),
              "0");
    EXPECT_EQ(query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" +
                    m_database + "' AND table_name REGEXP '^t[0-9]+$'"),
              std::to_string((k_units + 1) / 2));
    EXPECT_EQ(query("SELECT COUNT(*) FROM ForgeMeta WHERE state = 'applied'"),
              std::to_string(k_units + 1 + extra_units));
    EXPECT_EQ(query("SELECT COUNT(*) FROM ForgeMeta WHERE state <> 'applied'"), "0");
  }

  static OwnedCluster* s_cluster;
  std::string m_database;
  fs::path m_project;
};

OwnedCluster* Galera::s_cluster = nullptr;

TEST_F(Galera, ALeaseHeldThroughOneNodeKeepsOutAForgeOnAnother) {
  workload("SELECT SLEEP(6);");
  e2e::Process holder(forge(1, {}));
  wait_for_slow_unit();
  const auto blocked = e2e::run_process(forge(2, {"--lock-timeout", "1"}));
  EXPECT_EQ(blocked.exit_code, 4) << blocked;
  EXPECT_NE(blocked.err.find("pid " + std::to_string(holder.pid())), std::string::npos) << blocked;
  const auto held = holder.wait();
  EXPECT_EQ(held.exit_code, 0) << held;
  expect_each_unit_once(1, 2);
}

TEST_F(Galera, TheExpiredLeaseOfAKilledForgeIsTakenOverAndItsUnitFinished) {
  workload("SELECT SLEEP(4);");
  {
    e2e::Process victim(forge(1, {}));
    wait_for_slow_unit();
    victim.signal(SIGKILL);
    victim.wait();
  }
  const auto rerun = e2e::run_process(forge(2, {"--lock-timeout", "90"}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun;
  expect_each_unit_once(1, 2);
}

TEST_F(Galera, AForgeWhoseLeaseWasTakenStopsBeforeWritingMore) {
  workload("SELECT SLEEP(8);");
  e2e::Process holder(forge(1, {}));
  wait_for_slow_unit();
  // As if the lease had expired and another forge had taken it over.
  EXPECT_EQ(query("UPDATE forge_lock SET owner = 'someone-else'; SELECT ROW_COUNT()"), "1");
  const auto stopped = holder.wait();
  EXPECT_EQ(stopped.exit_code, 3) << stopped;
  EXPECT_NE(stopped.err.find("lease"), std::string::npos) << stopped;
  EXPECT_EQ(query("SELECT COUNT(*) FROM effects WHERE unit = 101"), "0");
}

TEST_F(Galera, EightForgesOverTheThreeNodesApplyEachUnitExactlyOnce) {
  const char* env = std::getenv("FORGE_CLUSTER_TRIALS");
  const int trials = env != nullptr ? std::atoi(env) : 3;
  workload();
  int processes = 0, exited_0 = 0, exited_4 = 0;
  for (int trial = 1; trial <= trials; ++trial) {
    if (trial > 1) create_database();
    std::vector<std::unique_ptr<e2e::Process>> forges;
    for (int i = 0; i < 8; ++i) {
      forges.push_back(std::make_unique<e2e::Process>(forge(i % 3 + 1, {"--lock-timeout", "60"})));
    }
    for (auto& process : forges) {
      const auto result = process->wait();
      ++processes;
      exited_0 += result.exit_code == 0;
      exited_4 += result.exit_code == 4;
      EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 4) << "trial " << trial << result;
    }
    SCOPED_TRACE("trial " + std::to_string(trial));
    expect_each_unit_once();
  }
  std::printf("[cluster] %d trials, %d forges: %d exited 0, %d exited 4 (lock timeout)\n", trials,
              processes, exited_0, exited_4);
}

TEST_F(Galera, AForgeWhoseNodeIsKilledExits3AndARerunOnAnotherNodeFinishes) {
  workload("SELECT SLEEP(6);");
  e2e::Process victim(forge(3, {}));
  wait_for_slow_unit();
  s_cluster->node("kill", 3);
  const auto lost = victim.wait();
  EXPECT_EQ(lost.exit_code, 3) << lost;
  const auto rerun = e2e::run_process(forge(1, {"--lock-timeout", "90"}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun;
  s_cluster->node("restart", 3);
  expect_each_unit_once(1, 2);
}

TEST_F(Galera, ANodeThatLostQuorumIsAnAvailabilityErrorNotAFailedUnit) {
  workload();
  s_cluster->node("isolate", 2);  // returns once the node sees itself alone: non-Primary
  const auto refused = e2e::run_process(forge(2, {}));
  s_cluster->node("rejoin", 2);
  EXPECT_EQ(refused.exit_code, 3) << refused;
  EXPECT_NE(refused.err.find("Primary Component"), std::string::npos) << refused;
  EXPECT_EQ(refused.err.find("fix the"), std::string::npos) << refused;
  const auto rerun = e2e::run_process(forge(2, {}));
  EXPECT_EQ(rerun.exit_code, 0) << rerun;
  expect_each_unit_once();
}

// Under --wait, a node without quorum is waited out: once it rejoins, the run goes on.
TEST_F(Galera, WithWaitANodeThatLostQuorumIsWaitedOutUntilItRejoins) {
  workload();
  s_cluster->node("isolate", 2);
  e2e::Process waiting(forge(2, {"--wait", "90"}));
  std::this_thread::sleep_for(3s);
  s_cluster->node("rejoin", 2);
  const auto result = waiting.wait();
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_NE(result.err.find("Primary Component"), std::string::npos) << result;  // said, waiting
  expect_each_unit_once();
}

}  // namespace
}  // namespace forge::cluster
