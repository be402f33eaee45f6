// db:migrate:status --json: one documented JSON document, read back as a script would.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using nlohmann::json;

class StatusJson : public ForgeTest {
 protected:
  void SetUp() override {
    applied = add_table_unit("20240101000001", "create-applied", "applied_table");
    gone = add_table_unit("20240101000002", "create-gone", "gone_table");
    pending = add_table_unit("20240101000003", "create-pending", "pending_table");
    ASSERT_EQ(forge_db({"db:migrate", "--to", gone}).exit_code, 0);
    project.remove("migrations/" + gone + ".sql");
  }
  // Runs status --json and parses stdout; a parse failure fails the test.
  json status(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"db:migrate:status", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = forge_db(args);
    EXPECT_EQ(result.exit_code, 0) << result;
    try {
      return json::parse(result.out);
    } catch (const json::exception& error) {
      ADD_FAILURE() << "stdout is not JSON: " << error.what() << result;
      return json::object();
    }
  }
  std::string applied, gone, pending;
};

TEST_F(StatusJson, HasFormatVersionOne) { EXPECT_EQ(status()["formatVersion"], 1); }

TEST_F(StatusJson, ListsEveryUnitInOrderWithItsStatus) {
  const json migrations = status()["migrations"];

  ASSERT_TRUE(migrations.is_array());
  ASSERT_EQ(migrations.size(), 3u);
  EXPECT_EQ(migrations[0]["name"], applied);
  EXPECT_EQ(migrations[0]["status"], "up");
  EXPECT_EQ(migrations[1]["name"], gone);
  EXPECT_EQ(migrations[1]["status"], "up");
  EXPECT_EQ(migrations[2]["name"], pending);
  EXPECT_EQ(migrations[2]["status"], "down");
}

TEST_F(StatusJson, GivesEachUnitsFileAndMarksAMissingOne) {
  const json migrations = status()["migrations"];

  ASSERT_EQ(migrations.size(), 3u);
  EXPECT_EQ(migrations[0]["file"], "migrations/" + applied + ".sql");
  EXPECT_EQ(migrations[0]["missingFile"], false);
  EXPECT_TRUE(migrations[1]["file"].is_null());
  EXPECT_EQ(migrations[1]["missingFile"], true);
  EXPECT_EQ(migrations[2]["file"], "migrations/" + pending + ".sql");
  EXPECT_EQ(migrations[2]["missingFile"], false);
}

TEST_F(StatusJson, GivesAppliedTimeOnlyForAppliedUnits) {
  const json migrations = status()["migrations"];

  ASSERT_EQ(migrations.size(), 3u);
  EXPECT_TRUE(migrations[0]["appliedAt"].is_string());
  EXPECT_TRUE(migrations[2]["appliedAt"].is_null());
  EXPECT_EQ(migrations[0]["version"], "20240101000001");
}

TEST_F(StatusJson, SummarisesTheCounts) {
  const json summary = status()["summary"];

  EXPECT_EQ(summary["total"], 3);
  EXPECT_EQ(summary["up"], 2);
  EXPECT_EQ(summary["down"], 1);
  EXPECT_EQ(summary["missingFile"], 1);
}

TEST_F(StatusJson, NamesTheEnvironmentAndHistoryTable) {
  const json document = status({"--meta-table", "ForgeMeta"});

  EXPECT_EQ(document["environment"], "development");
  EXPECT_EQ(document["historyTable"], "ForgeMeta");
  EXPECT_TRUE(document["database"].is_string());
}

TEST_F(StatusJson, PrintsOnlyTheDocumentOnStdout) {
  const auto result = forge_db({"db:migrate:status", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(json::accept(result.out)) << result;
  EXPECT_EQ(result.out.substr(0, 1), "{") << result;
}

}  // namespace
}  // namespace forge::e2e
