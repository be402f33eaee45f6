// A unit that runs statement by statement (always on MySQL, which cannot roll DDL back; with
// transaction:false elsewhere) and fails on its second statement: the failed state, resuming,
// refusal, and settling it with db:migrate:resolve.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const char* k_statement_1 = "CREATE TABLE b1 (id INTEGER PRIMARY KEY);\n";
const char* k_broken_statement_2 = "INSERT INTO no_such_table (id) VALUES (1);\n";
const char* k_fixed_statement_2 = "INSERT INTO b1 (id) VALUES (1);\n";
const char* k_statement_3 = "CREATE TABLE b2 (id INTEGER PRIMARY KEY);\n";
const char* k_down = "-- forge:down\nDROP TABLE b2;\nDROP TABLE b1;\n";

class FailedState : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    a = add_table_unit("20240101000001", "create-a", "a");
    b = "20240101000002-create-b";
    write_b(k_statement_1, k_broken_statement_2);
    c = add_table_unit("20240101000003", "create-c", "c");
    first_run = forge_db({"db:migrate"});
  }

  // Unit b: statement 1 on line 2, statement 2 on line 3, statement 3 on line 4.
  void write_b(const std::string& statement_1, const std::string& statement_2) {
    // MySQL runs every unit statement by statement; elsewhere the unit must opt out.
    const std::string marker =
        dialect() == "mysql" ? "-- forge:up\n" : "-- forge:up transaction:false\n";
    add_unit(b, marker + statement_1 + statement_2 + k_statement_3 + k_down);
  }

  std::string a, b, c;
  ProcessResult first_run;
};

TEST_P(FailedState, FailingOnTheSecondStatementExitsOneAndSaysStatementOneTookEffect) {
  EXPECT_EQ(first_run.exit_code, 1) << first_run;
  EXPECT_THAT(first_run.err, HasSubstr("migrations/" + b + ".sql:3")) << first_run;
  EXPECT_THAT(first_run.err, HasSubstr(missing_table_message(dialect()))) << first_run;
  EXPECT_THAT(first_run.err, HasSubstr("statement 1 (line 2)")) << first_run;
  EXPECT_THAT(first_run.err, HasSubstr("had already taken effect")) << first_run;
}

TEST_P(FailedState, TheUnitIsRecordedAsFailedWithStatementOneInEffect) {
  EXPECT_EQ(db().state(b), "failed");
  EXPECT_TRUE(db().has_table("b1"));
  EXPECT_FALSE(db().has_table("b2"));
  EXPECT_FALSE(db().has_table("c"));
}

TEST_P(FailedState, StatusShowsTheUnitAsFailed) {
  const auto status = forge_db({"db:migrate:status"});

  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out), ElementsAre("up " + a, StartsWith("failed " + b), "down " + c))
      << status;
}

TEST_P(FailedState, MigrateWithTheFileUnchangedResumesAtStatementTwoAndFailsThereAgain) {
  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("resuming at statement 2")) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/" + b + ".sql:3")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("already exists"))) << "statement 1 must not rerun";
  EXPECT_EQ(db().state(b), "failed");
}

TEST_P(FailedState, MigrateAfterFixingStatementTwoResumesThereAndCompletesTheRun) {
  write_b(k_statement_1, k_fixed_statement_2);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== " + b + ": migrated")) << result;
  EXPECT_EQ(db().state(b), "applied");
  EXPECT_EQ(db().count("b1"), 1);
  EXPECT_TRUE(db().has_table("b2"));
  EXPECT_TRUE(db().has_table("c"));
  EXPECT_THAT(db().history(), ElementsAre(a, b, c));
}

TEST_P(FailedState, MigrateAfterEditingStatementOneRefusesWithExitFive) {
  write_b("CREATE TABLE b1 (id INTEGER PRIMARY KEY, note VARCHAR(20));\n", k_fixed_statement_2);

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr("db:migrate:resolve " + b)) << result;
  EXPECT_EQ(db().state(b), "failed");
  EXPECT_FALSE(db().has_table("c"));
}

TEST_P(FailedState, ResolveRolledBackAfterRevertingByHandLetsMigrateRunTheWholeUnit) {
  db().execute("DROP TABLE b1");
  write_b("CREATE TABLE b1 (id INTEGER PRIMARY KEY, note VARCHAR(20));\n", k_fixed_statement_2);
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 5);

  const auto resolved = forge_db({"db:migrate:resolve", b, "--rolled-back"});
  ASSERT_EQ(resolved.exit_code, 0) << resolved;
  EXPECT_EQ(db().state(b), "");
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_column("b1", "note")) << "statement 1 must run again, as edited";
  EXPECT_EQ(db().count("b1"), 1);
  EXPECT_THAT(db().history(), ElementsAre(a, b, c));
}

TEST_P(FailedState, ResolveAppliedAfterCompletingByHandLetsTheRunContinueWithoutIt) {
  db().execute("CREATE TABLE b2 (id INTEGER PRIMARY KEY)");

  const auto resolved = forge_db({"db:migrate:resolve", b, "--applied"});
  ASSERT_EQ(resolved.exit_code, 0) << resolved;
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(b))) << result;
  EXPECT_EQ(db().state(b), "applied");
  EXPECT_TRUE(db().has_table("c"));
}

TEST_P(FailedState, UndoRefusesWithExitFiveWhileTheUnitIsFailed) {
  const auto result = forge_db({"db:migrate:undo"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(b)) << result;
  EXPECT_TRUE(db().has_table("b1")) << "nothing of the unit may be reverted";
  EXPECT_TRUE(db().has_table("a"));
  EXPECT_EQ(db().state(b), "failed");
}

// A count edited by hand to a negative number is no count: forge says so instead of printing it
// as a huge unsigned number or resuming from it, and resolve still settles the unit.
TEST_P(FailedState, ANegativeCountEditedIntoTheHistoryIsReportedAsUnknown) {
  const std::string meta = dialect() == "mysql" ? "ForgeMeta" : "\"ForgeMeta\"";
  db().execute("UPDATE " + meta + " SET statements_done = -5 WHERE name = '" + b + "'");

  const auto status = forge_db({"db:migrate:status"});
  const auto json = forge_db({"db:migrate:status", "--json"});
  const auto migrate = forge_db({"db:migrate"});

  EXPECT_THAT(status.out, HasSubstr("an unknown number of statements took effect")) << status;
  EXPECT_THAT(json.out, HasSubstr("\"statementsDone\": null")) << json;
  EXPECT_EQ(migrate.exit_code, 5) << migrate;
  EXPECT_THAT(migrate.err, HasSubstr("holds no count of the statements")) << migrate;
  for (const auto* result : {&status, &json, &migrate}) {
    EXPECT_THAT(result->out + result->err, Not(HasSubstr("18446744073709551"))) << *result;
  }
  EXPECT_FALSE(db().has_table("c"));
  db().execute("DROP TABLE b1");
  ASSERT_EQ(forge_db({"db:migrate:resolve", b, "--rolled-back"}).exit_code, 0);
  write_b(k_statement_1, k_fixed_statement_2);
  EXPECT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  EXPECT_THAT(db().history(), ElementsAre(a, b, c));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, FailedState, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
