// Fleets on SQLite: one forge run over hundreds of database files, with rollout control, one
// report, reruns of what failed, and two runs at once.
#include <SQLiteCpp/SQLiteCpp.h>

#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

std::string tenant_file(int number) { return "tenants/t" + std::to_string(number) + ".db"; }

// Three units; the last adds a row to `log`, so a unit applied twice shows as a second row.
class Fleet : public ForgeTest {
 protected:
  void SetUp() override {
    add_table_unit("20240101000000", "create-log", "log");
    add_table_unit("20240102000000", "create-items", "items");
    project.write("migrations/20240103000000-log-row.sql",
                  unit_sql("CREATE TABLE marker (id INTEGER PRIMARY KEY);\n"
                           "INSERT INTO log DEFAULT VALUES;",
                           "DELETE FROM log;\nDROP TABLE marker;"));
  }

  // A targets file listing tenants 1..count, with a comment, a blank line and a ${VAR}.
  void write_targets(int count) const {
    std::string text = "# tenants of the test\n\n";
    for (int i = 1; i <= count; ++i) {
      text +=
          (i % 2 == 0 ? "sqlite:${TENANTS}/t" : "sqlite:tenants/t") + std::to_string(i) + ".db\n";
    }
    project.write("targets.txt", text);
  }

  ProcessResult fleet(std::vector<std::string> args) const {
    args.insert(args.end(), {"--targets", "targets.txt"});
    return project.forge(args, {{"TENANTS", "tenants"}}, std::chrono::seconds(120));
  }

  // Makes tenant `number` fail at the third unit, after two applied: its table is there.
  void break_tenant(int number) const {
    std::filesystem::create_directories(project.path("tenants"));
    SQLite::Database db(project.path(tenant_file(number)).string(),
                        SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE marker (id INTEGER PRIMARY KEY)");
  }
  void mend_tenant(int number) const {
    SQLite::Database db(project.path(tenant_file(number)).string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE marker");
  }

  long long log_rows(int number) const {
    return SqliteProbe(project.path(tenant_file(number))).count("log");
  }
  std::size_t applied(int number) const {
    if (!project.exists(tenant_file(number))) return 0;
    return SqliteProbe(project.path(tenant_file(number))).applied().size();
  }
};

Json report_of(const ProcessResult& result) { return Json::parse(result.out); }

const Json& target_in(const Json& report, const std::string& target) {
  for (const auto& entry : report["targets"]) {
    if (entry["target"] == target) return entry;
  }
  throw std::runtime_error("no target " + target + " in the report");
}

TEST_F(Fleet, TwoHundredSqliteFilesAreAllMigratedInOneRun) {
  write_targets(200);
  const auto result = fleet({"db:migrate", "--parallel", "8", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result;
  const Json report = report_of(result);
  EXPECT_EQ(report["summary"]["databases"], 200);
  EXPECT_EQ(report["summary"]["ok"], 200);
  EXPECT_EQ(report["targets"].size(), 200u);
  for (int i = 1; i <= 200; ++i) {
    ASSERT_EQ(applied(i), 3u) << tenant_file(i);
    ASSERT_EQ(log_rows(i), 1) << tenant_file(i);
  }
  EXPECT_EQ(target_in(report, "sqlite:tenants/t17.db")["result"]["units"].size(), 3u);
}

TEST_F(Fleet, OneFailingDatabaseIsNamedTheRestFinishAndOnlyFailedFinishesIt) {
  write_targets(30);
  break_tenant(12);
  const auto first = fleet({"db:migrate", "--continue-on-error", "--json"});
  EXPECT_EQ(first.exit_code, 1) << first;
  EXPECT_THAT(first.err, HasSubstr("1 of 30 database(s) failed, first sqlite:tenants/t12.db"));
  const Json report = report_of(first);
  EXPECT_EQ(report["summary"]["ok"], 29);
  const Json& failed = target_in(report, "sqlite:tenants/t12.db");
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_EQ(failed["exitCode"], 1);
  EXPECT_EQ(failed["result"]["failedUnit"], "20240103000000-log-row");
  EXPECT_EQ(failed["result"]["units"].size(), 2u);  // stopped mid-way, after two units
  for (int i = 1; i <= 30; ++i) EXPECT_EQ(applied(i), i == 12 ? 2u : 3u) << tenant_file(i);

  project.write("report.json", first.out);
  mend_tenant(12);
  const auto rerun = fleet({"db:migrate", "--only-failed", "report.json"});
  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_THAT(rerun.out, HasSubstr("1 database(s): 1 ok, 0 failed, 0 not started"));
  EXPECT_THAT(rerun.out, HasSubstr("sqlite:tenants/t12.db"));
  EXPECT_EQ(applied(12), 3u);
  EXPECT_EQ(log_rows(12), 1);
  EXPECT_EQ(log_rows(11), 1);  // not run again
}

TEST_F(Fleet, AFailingCanaryStopsTheRollout) {
  write_targets(20);
  break_tenant(2);
  const auto result = fleet({"db:migrate", "--canary", "3", "--continue-on-error", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const Json report = report_of(result);
  EXPECT_THAT(report["stoppedBecause"].get<std::string>(), HasSubstr("canary"));
  EXPECT_EQ(report["summary"]["ok"], 2);
  EXPECT_EQ(report["summary"]["failed"], 1);
  EXPECT_EQ(report["summary"]["notStarted"], 17);
  for (int i = 4; i <= 20; ++i) EXPECT_FALSE(project.exists(tenant_file(i))) << tenant_file(i);
}

TEST_F(Fleet, AHealthyCanaryLetsTheRestRun) {
  write_targets(12);
  const auto result = fleet({"db:migrate", "--canary", "2", "--parallel", "3"});
  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("12 database(s): 12 ok, 0 failed, 0 not started"));
}

TEST_F(Fleet, MaxFailuresStopsStartingNewDatabases) {
  write_targets(10);
  for (int broken : {2, 4, 6}) break_tenant(broken);
  const auto result = fleet({"db:migrate", "--parallel", "1", "--max-failures", "2", "--json"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const Json report = report_of(result);
  EXPECT_THAT(report["stoppedBecause"].get<std::string>(), HasSubstr("--max-failures 2"));
  EXPECT_EQ(report["summary"]["ok"], 2);
  EXPECT_EQ(report["summary"]["failed"], 2);
  EXPECT_EQ(report["summary"]["notStarted"], 6);
  EXPECT_EQ(target_in(report, "sqlite:tenants/t5.db")["status"], "notStarted");
  EXPECT_EQ(applied(6), 0u);  // broken too, but never started
  EXPECT_EQ(applied(4), 2u);
}

TEST_F(Fleet, ByDefaultTheFirstFailureStopsTheRollout) {
  write_targets(8);
  break_tenant(3);
  const auto result = fleet({"db:migrate", "--parallel", "1"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.out, HasSubstr("5 not started (stopped: 1 database(s) failed"));
  EXPECT_EQ(applied(4), 0u);
}

TEST_F(Fleet, TwoFleetRunsAtOnceApplyEveryUnitOnce) {
  write_targets(60);
  auto one = project.start_forge({"db:migrate", "--targets", "targets.txt", "--parallel", "4"},
                                 {{"TENANTS", "tenants"}});
  auto two = project.start_forge({"db:migrate", "--targets", "targets.txt", "--parallel", "4"},
                                 {{"TENANTS", "tenants"}});
  const auto first = one->wait();
  const auto second = two->wait();
  EXPECT_EQ(first.exit_code, 0) << first;
  EXPECT_EQ(second.exit_code, 0) << second;
  for (int i = 1; i <= 60; ++i) {
    ASSERT_EQ(log_rows(i), 1) << tenant_file(i);
    ASSERT_EQ(applied(i), 3u) << tenant_file(i);
  }
}

TEST_F(Fleet, StatusCountsTheDatabasesAtEachNewestUnit) {
  write_targets(9);
  ASSERT_EQ(fleet({"db:migrate"}).exit_code, 0);
  project.write("behind.txt", "sqlite:tenants/t2.db\nsqlite:tenants/t5.db\n");
  ASSERT_EQ(project.forge({"db:migrate:undo", "--targets", "behind.txt"}).exit_code, 0);

  const auto status = fleet({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("20240103000000-log-row  7 database(s)\n"));
  EXPECT_THAT(status.out,
              HasSubstr("20240102000000-create-items  2 database(s), 2 with units pending\n"));
  const Json report = report_of(fleet({"db:migrate:status", "--json"}));
  EXPECT_EQ(report["versions"][1]["latest"], "20240102000000-create-items");
  EXPECT_EQ(report["versions"][1]["databases"], 2);

  const auto gate = fleet({"db:migrate:status", "--fail-on-pending"});
  EXPECT_EQ(gate.exit_code, 6) << gate;
}

TEST_F(Fleet, TargetsComeFromACommandAndFromConfigEnvironments) {
  project.write("forge.json", R"({"alpha": {"url": "sqlite:tenants/alpha.db"},
                                  "beta": {"dialect": "sqlite", "storage": "tenants/beta.db"}})");
  const auto result =
      project.forge({"db:migrate", "--targets-cmd",
                     "printf 'alpha\\n# skipped\\nbeta\\nsqlite:tenants/t1.db\\n'"});
  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("3 database(s): 3 ok"));
  EXPECT_EQ(SqliteProbe(project.path("tenants/alpha.db")).applied().size(), 3u);
  EXPECT_EQ(SqliteProbe(project.path("tenants/beta.db")).applied().size(), 3u);
  EXPECT_EQ(applied(1), 3u);
}

TEST_F(Fleet, JunitReportHasATestcasePerDatabase) {
  write_targets(4);
  break_tenant(4);
  const auto result = fleet({"db:migrate", "--junit", "out/junit.xml", "--continue-on-error"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const std::string xml = project.read("out/junit.xml");
  EXPECT_EQ(occurrences(xml, "<testcase "), 4u);
  EXPECT_EQ(occurrences(xml, "<failure "), 1u);
  EXPECT_THAT(xml, HasSubstr("tests=\"4\" failures=\"1\" skipped=\"0\""));
}

TEST_F(Fleet, BadTargetListsAreRefusedBeforeAnyDatabaseIsTouched) {
  project.write("targets.txt", "sqlite:tenants/t1.db\nsqlite:${NOT_SET_ANYWHERE}/t2.db\n");
  const auto unset = project.forge({"db:migrate", "--targets", "targets.txt"});
  EXPECT_EQ(unset.exit_code, 2) << unset;
  EXPECT_THAT(unset.err, HasSubstr("targets.txt:2"));
  EXPECT_THAT(unset.err, HasSubstr("NOT_SET_ANYWHERE"));
  EXPECT_FALSE(project.exists(tenant_file(1)));

  const auto missing = project.forge({"db:migrate", "--targets", "nowhere.txt"});
  EXPECT_EQ(missing.exit_code, 2) << missing;
  EXPECT_THAT(missing.err, HasSubstr("cannot read --targets nowhere.txt"));

  project.write("targets.txt", "# only a comment\n");
  EXPECT_EQ(project.forge({"db:migrate", "--targets", "targets.txt"}).exit_code, 2);

  const auto alone = project.forge({"db:migrate", "--canary", "2", "--url", k_url});
  EXPECT_EQ(alone.exit_code, 2) << alone;
  EXPECT_THAT(alone.err, HasSubstr("no targets were given"));

  const auto failing = project.forge({"db:migrate", "--targets-cmd", "echo nope >&2; exit 3"});
  EXPECT_EQ(failing.exit_code, 2) << failing;
  EXPECT_THAT(failing.err, HasSubstr("--targets-cmd exited with 3: nope"));
}

TEST_F(Fleet, PasswordsInTheListAreNeverPrinted) {
  project.write("targets.txt",
                "sqlite:tenants/t1.db\npostgres://app:s3cr3t-pw@127.0.0.1:1/nowhere\n");
  const auto result =
      project.forge({"db:migrate", "--targets", "targets.txt", "--continue-on-error", "--json"});
  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr("s3cr3t-pw")));
  EXPECT_THAT(result.out, HasSubstr("postgres://app:***@127.0.0.1:1/nowhere"));
}

}  // namespace
}  // namespace forge::e2e
