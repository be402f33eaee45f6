// Status and a no-op migrate read the units' names and checksums, not their statements (issue
// 16): they still tell changed and missing units apart, a file saved again with other line
// endings is no change, and a malformed unit is reported at its line when its statements are
// needed -- before anything runs.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class StatusWithoutStatements : public ForgeTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 5; ++i) {
      names.push_back(add_table_unit("2024010100000" + std::to_string(i),
                                     "create-t" + std::to_string(i), "t" + std::to_string(i)));
    }
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  }
  std::string file_of(std::size_t i) const { return "migrations/" + names.at(i) + ".sql"; }

  std::vector<std::string> names;
};

TEST_F(StatusWithoutStatements, TellsTheChangedAndTheMissingUnitsFromTheRest) {
  project.write(file_of(1), unit_sql(create_table("t2") + "\n-- edited", "DROP TABLE t2;"));
  project.remove(file_of(3));

  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 5u) << result;
  EXPECT_EQ(lines[0], "up " + names[0]);
  EXPECT_THAT(lines[1], HasSubstr("up " + names[1] + " (changed"));
  EXPECT_EQ(lines[2], "up " + names[2]);
  EXPECT_THAT(lines[3], HasSubstr(names[3] + " (missing file)"));
  EXPECT_EQ(lines[4], "up " + names[4]);
}

TEST_F(StatusWithoutStatements, ANoOpMigrateStillRefusesAChangedUnit) {
  project.write(file_of(4), unit_sql(create_table("t5") + "\n-- edited", "DROP TABLE t5;"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(names[4])) << result;
}

TEST_F(StatusWithoutStatements, AFileSavedAgainWithCrlfAndAByteOrderMarkIsNoChange) {
  std::string crlf;
  for (char c : unit_sql(create_table("t1"), "DROP TABLE t1;"))
    crlf += c == '\n' ? "\r\n" : std::string(1, c);
  project.write(file_of(0), "\xEF\xBB\xBF" + crlf);

  const auto status = forge_db({"db:migrate:status"});
  const auto migrate = forge_db({"db:migrate"});

  EXPECT_EQ(lines_of(status.out).at(0), "up " + names[0]) << status;
  EXPECT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, Not(HasSubstr("migrated"))) << migrate;
}

TEST_F(StatusWithoutStatements, AnAppliedUnitsDownIsReadOnlyWhenItIsUndone) {
  // A quote left open in the down section of the newest unit: nothing splits it until undo.
  project.write(file_of(4), unit_sql(create_table("t5"), "SELECT 'never closed;"));

  const auto status = forge_db({"db:migrate:status"});
  const auto noop = forge_db({"db:migrate"});
  const auto undo = forge_db({"db:migrate:undo"});

  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_EQ(noop.exit_code, 0) << noop;
  EXPECT_EQ(undo.exit_code, 2) << undo;
  EXPECT_THAT(undo.err, HasSubstr(file_of(4) + ":")) << undo;
  EXPECT_THAT(undo.err, HasSubstr("unterminated quoted text")) << undo;
  EXPECT_TRUE(db().has_table("t5"));
}

TEST_F(StatusWithoutStatements, AMalformedPendingUnitStopsMigrateAtItsLineBeforeAnyUnitRuns) {
  add_table_unit("20240101000006", "create-t6", "t6");
  project.write("migrations/20240101000007-broken.sql",
                unit_sql("CREATE TABLE t7 (id INTEGER);\nSELECT 'never closed;", "DROP TABLE t7;"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000007-broken.sql:3")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("migrating"))) << result;
  EXPECT_FALSE(db().has_table("t6"));
  EXPECT_EQ(db().applied().size(), 5u);
}

}  // namespace
}  // namespace forge::e2e
