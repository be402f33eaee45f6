// Every command that takes one database takes a fleet too (undo, seeding, lint, verify), and
// one that settles one database by hand refuses a fleet.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr int k_tenants = 3;

std::string tenant_file(int number) { return "tenants/t" + std::to_string(number) + ".db"; }

class FleetCommands : public ForgeTest {
 protected:
  void SetUp() override {
    std::string targets;
    for (int i = 1; i <= k_tenants; ++i) targets += "sqlite:" + tenant_file(i) + "\n";
    project.write("targets.txt", targets);
    add_table_unit("20240101000000", "create-users", "users");
  }

  ProcessResult fleet(std::vector<std::string> args) const {
    args.insert(args.end(), {"--targets", "targets.txt"});
    return project.forge(args);
  }

  SqliteProbe tenant(int number) const { return SqliteProbe(project.path(tenant_file(number))); }
};

TEST_F(FleetCommands, UndoAllRevertsEveryDatabaseOfTheFleet) {
  add_table_unit("20240102000000", "create-items", "items");
  ASSERT_EQ(fleet({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(tenant(2).applied().size(), 2u);
  const auto result = fleet({"db:migrate:undo:all", "--json"});
  ASSERT_EQ(result.exit_code, 0) << result;
  const Json report = Json::parse(result.out);
  EXPECT_EQ(report["command"], "db:migrate:undo:all");
  EXPECT_EQ(report["summary"]["ok"], k_tenants);
  EXPECT_EQ(report["targets"][0]["summary"], "2 reverted");
  for (int i = 1; i <= k_tenants; ++i) {
    EXPECT_TRUE(tenant(i).applied().empty()) << i;
    EXPECT_FALSE(tenant(i).has_table("items")) << i;
  }
}

TEST_F(FleetCommands, SeedAllSeedsEveryDatabaseOnce) {
  project.write("seeders/20240101000000-alice.sql",
                unit_sql("INSERT INTO users (id) VALUES (7);", "DELETE FROM users;"));
  ASSERT_EQ(fleet({"db:migrate"}).exit_code, 0);
  const auto seeded = fleet({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_THAT(seeded.out, HasSubstr("3 database(s): 3 ok, 0 failed, 0 not started"));
  ASSERT_EQ(fleet({"db:seed:all"}).exit_code, 0);
  for (int i = 1; i <= k_tenants; ++i) {
    EXPECT_EQ(tenant(i).count("users"), 1) << i;
    EXPECT_EQ(tenant(i).applied("ForgeSeeds").size(), 1u) << i;
  }
}

// Tenant 1 is up to date; the others have a dangerous unit pending: lint reports per database.
TEST_F(FleetCommands, LintLintsThePendingUnitsOfEachDatabase) {
  ASSERT_EQ(fleet({"db:migrate"}).exit_code, 0);
  project.write("migrations/20240102000000-drop-users.sql",
                unit_sql("DROP TABLE users;", "CREATE TABLE users (id INTEGER PRIMARY KEY);"));
  ASSERT_EQ(project.forge({"db:migrate", "--url", "sqlite:" + tenant_file(1)}).exit_code, 0);

  const auto table = fleet({"lint"});
  EXPECT_EQ(table.exit_code, 1) << table;
  EXPECT_THAT(table.out, HasSubstr("1 ok, 2 failed"));
  EXPECT_THAT(table.out, HasSubstr("1 finding(s)"));

  const auto json = fleet({"lint", "--format", "json"});
  EXPECT_EQ(json.exit_code, 1) << json;
  const Json report = Json::parse(json.out);
  EXPECT_EQ(report["command"], "lint");
  EXPECT_EQ(report["targets"][0]["status"], "ok");
  EXPECT_EQ(report["targets"][0]["result"].size(), 0u);
  const Json& findings = report["targets"][1]["result"];
  ASSERT_EQ(findings.size(), 1u) << json.out;
  EXPECT_EQ(findings[0]["code"], "FORGE-D001");
  // Read from that database's own session: its rows are counted.
  EXPECT_THAT(findings[0]["message"].get<std::string>(), HasSubstr("users holds 0 rows"));
  EXPECT_EQ(report["targets"][2]["status"], "failed");

  EXPECT_EQ(fleet({"lint", "--format", "sarif"}).exit_code, 2);
}

TEST_F(FleetCommands, VerifyReplaysEachDatabasesUnitsOnAScratchDatabase) {
  const auto good = fleet({"db:migrate:verify"});
  ASSERT_EQ(good.exit_code, 0) << good;
  EXPECT_THAT(good.out, HasSubstr("3 database(s): 3 ok, 0 failed"));
  EXPECT_FALSE(project.exists(tenant_file(1)));  // the tenants themselves are only read

  // A down that leaves a table behind: every database fails, each named with the unit.
  project.write("migrations/20240102000000-leaky.sql",
                "-- migrate:up\nCREATE TABLE leaky (id INTEGER);\nCREATE TABLE kept (id "
                "INTEGER);\n-- migrate:down\nDROP TABLE leaky;\n");
  const auto leaky = fleet({"db:migrate:verify"});
  EXPECT_EQ(leaky.exit_code, 1) << leaky;
  EXPECT_THAT(leaky.out, HasSubstr("3 database(s): 0 ok, 3 failed"));
  EXPECT_EQ(occurrences(leaky.out, "20240102000000-leaky: its down does not restore the schema"),
            3u)
      << leaky;
  // What differs is shown with each database's diagnostics: the table its down left.
  EXPECT_EQ(occurrences(leaky.err, ": + table kept"), 3u) << leaky;
  EXPECT_FALSE(project.exists(tenant_file(2)));

  const auto report = fleet({"db:migrate:verify", "--json"});
  EXPECT_EQ(report.exit_code, 1) << report;
  const Json document = Json::parse(report.out);
  EXPECT_EQ(document["summary"]["failed"], 3);
  EXPECT_THAT(document["targets"][0]["output"].get<std::string>(), HasSubstr("kept"));
  // --json without a fleet: verify prints text.
  EXPECT_EQ(project.forge({"db:migrate:verify", "--json"}).exit_code, 2);
}

TEST_F(FleetCommands, ACommandThatTakesNoFleetRefusesOneAndNamesTheCommandsThatDo) {
  for (const char* command : {"db:migrate:baseline", "db:create", "db:schema:dump", "init"}) {
    for (const char* option : {"--targets", "--targets-cmd", "--targets-query"}) {
      const auto result = project.forge({command, option, "targets.txt"});
      EXPECT_EQ(result.exit_code, 2) << result;
      EXPECT_THAT(result.err, HasSubstr(std::string(command) + " takes no fleet")) << result;
      EXPECT_THAT(result.err, HasSubstr("db:migrate:status, db:migrate:verify, db:seed"));
    }
  }
  EXPECT_FALSE(project.exists(tenant_file(1)));
  EXPECT_FALSE(project.exists("forge.json"));  // init did nothing
}

}  // namespace
}  // namespace forge::e2e
