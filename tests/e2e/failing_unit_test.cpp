// A unit whose statement fails in the middle of a run.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Line 4 starts the failing statement, which spans three lines.
const char* k_failing_unit =
    "-- forge:up\n"
    "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
    "INSERT INTO a (id) VALUES (42);\n"
    "INSERT INTO\n"
    "  no_such_table (id)\n"
    "VALUES (1);\n"
    "-- forge:down\n"
    "DROP TABLE b;\n";

class FailingUnit : public ForgeTest {
 protected:
  void SetUp() override {
    a = add_table_unit("20240101000001", "create-a", "a");
    b = "20240101000002-create-b";
    project.write("migrations/" + b + ".sql", k_failing_unit);
    c = add_table_unit("20240101000003", "create-c", "c");
  }
  std::string a, b, c;
};

TEST_F(FailingUnit, StopsTheRunWithExitOne) {
  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
}

TEST_F(FailingUnit, NamesTheFileTheLineWhereTheStatementStartsAndSqlitesMessage) {
  const auto result = forge_db({"db:migrate"});

  EXPECT_THAT(result.err, HasSubstr("migrations/" + b + ".sql:4")) << result;
  EXPECT_THAT(result.err, HasSubstr("no such table: no_such_table")) << result;
}

TEST_F(FailingUnit, LeavesTheUnitsBeforeItApplied) {
  forge_db({"db:migrate"});

  EXPECT_TRUE(db().has_table("a"));
  EXPECT_THAT(db().applied(), ElementsAre(a));
}

TEST_F(FailingUnit, RollsBackItsOwnChangesAndLeavesNoHistoryRow) {
  forge_db({"db:migrate"});

  EXPECT_FALSE(db().has_table("b")) << "the unit's CREATE TABLE must be rolled back";
  EXPECT_EQ(db().count("a"), 0) << "the unit's INSERT must be rolled back";
  EXPECT_EQ(db().scalar("SELECT count(*) FROM ForgeMeta WHERE name = '" + b + "'"), "0");
}

TEST_F(FailingUnit, IsNeverReportedAsMigratedAndLaterUnitsDoNotRun) {
  const auto result = forge_db({"db:migrate"});

  EXPECT_THAT(result.out, HasSubstr("== " + b + ": migrating")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(b + ": migrated"))) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(c))) << result;
  EXPECT_FALSE(db().has_table("c"));
}

TEST_F(FailingUnit, IsShownAsDownByStatus) {
  forge_db({"db:migrate"});

  const auto status = forge_db({"db:migrate:status"});

  EXPECT_THAT(lines_of(status.out), ElementsAre("up " + a, "down " + b, "down " + c)) << status;
}

TEST_F(FailingUnit, RunsOnceFixedAndTheRunContinuesFromIt) {
  forge_db({"db:migrate"});
  project.write("migrations/" + b + ".sql", unit_sql(create_table("b"), "DROP TABLE b;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(a))) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

TEST(FailingDown, LeavesTheUnitAppliedAndExitsOne) {
  Project project;
  project.write("migrations/1_t.up.sql", "CREATE TABLE t (id INTEGER);\n");
  project.write("migrations/1_t.down.sql", "DROP TABLE t;\nDROP TABLE missing_table;\n");
  ASSERT_EQ(project.forge({"db:migrate", "--url", k_url}).exit_code, 0);

  const auto result = project.forge({"db:migrate:undo", "--url", k_url});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/1_t.down.sql:2")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("reverted"))) << result;
  SqliteProbe db(project.path(k_db));
  EXPECT_TRUE(db.has_table("t")) << "the down's DROP TABLE t must be rolled back";
  EXPECT_THAT(db.applied(), ElementsAre("1_t"));
}

}  // namespace
}  // namespace forge::e2e
