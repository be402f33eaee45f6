// A unit whose statement fails in the middle of a run, on every dialect.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// The failing statement starts on line 3.
const char* k_fails_at_once =
    "-- forge:up\n"
    "-- nothing before this statement takes effect\n"
    "INSERT INTO no_such_table (id) VALUES (1);\n"
    "-- forge:down\n";

class FailingUnit : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    a = add_table_unit("20240101000001", "create-a", "a");
    b = add_unit("20240101000002-broken", k_fails_at_once);
    c = add_table_unit("20240101000003", "create-c", "c");
  }
  std::string a, b, c;
};

TEST_P(FailingUnit, StopsTheRunWithExitOneNamingFileLineAndTheServersMessage) {
  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/" + b + ".sql:3")) << result;
  EXPECT_THAT(result.err, HasSubstr(missing_table_message(dialect()))) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(b + ": migrated"))) << result;
}

TEST_P(FailingUnit, LeavesTheUnitsBeforeItAppliedAndRunsNoneAfterIt) {
  forge_db({"db:migrate"});

  EXPECT_TRUE(db().has_table("a"));
  EXPECT_FALSE(db().has_table("c"));
  EXPECT_THAT(db().history(), ElementsAre(a));
  EXPECT_THAT(lines_of(forge_db({"db:migrate:status"}).out),
              ElementsAre("up " + a, "down " + b, "down " + c));
}

TEST_P(FailingUnit, RunsOnceFixedAndTheRunContinuesFromIt) {
  forge_db({"db:migrate"});
  add_table_unit("20240101000002", "broken", "b");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(a))) << result;
  EXPECT_THAT(db().history(), ElementsAre(a, b, c));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, FailingUnit, k_all_dialects, dialect_name);

// Where DDL is transactional, a unit that fails after earlier statements took effect in it is
// rolled back whole: its table, its data change and its history row all vanish.
const char* k_fails_after_changes =
    "-- forge:up\n"
    "CREATE TABLE b (id INTEGER PRIMARY KEY);\n"
    "INSERT INTO a (id) VALUES (42);\n"
    "INSERT INTO no_such_table (id) VALUES (1);\n"
    "-- forge:down\n"
    "DROP TABLE b;\n";

using TransactionalFailingUnit = DialectTest;

TEST_P(TransactionalFailingUnit, LeavesNeitherItsChangesNorAHistoryRow) {
  const auto a = add_table_unit("20240101000001", "create-a", "a");
  const auto b = add_unit("20240101000002-create-b", k_fails_after_changes);

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/" + b + ".sql:4")) << result;
  EXPECT_FALSE(db().has_table("b")) << "the unit's CREATE TABLE must be rolled back";
  EXPECT_EQ(db().count("a"), 0) << "the unit's INSERT must be rolled back";
  EXPECT_THAT(db().history(), ElementsAre(a));
  EXPECT_THAT(result.err, Not(HasSubstr("already taken effect"))) << result;
}

INSTANTIATE_TEST_SUITE_P(TransactionalDdl, TransactionalFailingUnit,
                         ::testing::Values("sqlite", "postgres"), dialect_name);

}  // namespace
}  // namespace forge::e2e
