// Units with no down section (cannot be undone) and units with empty sections (valid no-ops).
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class UnitWithoutDown : public ForgeTest {
 protected:
  void SetUp() override {
    one_way = "20240101000001-seed-lookup";
    project.write("migrations/" + one_way + ".sql", up_only_sql(create_table("lookup")));
    later = add_table_unit("20240101000002", "create-later", "later");
  }
  std::string one_way, later;
};

TEST_F(UnitWithoutDown, IsAppliedAndRecordedLikeAnyOtherUnit) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("lookup"));
  EXPECT_THAT(db().applied(), ElementsAre(one_way, later));
}

TEST_F(UnitWithoutDown, CannotBeUndoneTheUndoExitsTwoNamingTheUnit) {
  ASSERT_EQ(forge_db({"db:migrate", "--to", one_way}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot undo " + one_way)) << result;
  EXPECT_THAT(result.err, HasSubstr("no down section")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("reverting"))) << result;
  EXPECT_TRUE(db().has_table("lookup"));
  EXPECT_THAT(db().applied(), ElementsAre(one_way));
}

TEST_F(UnitWithoutDown, MakesUndoAllRefuseBeforeRevertingAnyNewerUnit) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo:all"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr(one_way)) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("reverting"))) << result;
  EXPECT_TRUE(db().has_table("later")) << "the revertible newer unit must not be touched";
  EXPECT_THAT(db().applied(), ElementsAre(one_way, later));
}

TEST_F(UnitWithoutDown, DoesNotStopUndoOfANewerUnit) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(one_way));
}

TEST(EmptySections, AnEmptyUpIsAppliedAndRecorded) {
  Project project;
  project.write("migrations/20240101000001-placeholder.sql",
                "-- forge:up\n-- nothing to do yet\n\n-- forge:down\n\n");

  const auto result = project.forge({"db:migrate", "--url", k_url});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== 20240101000001-placeholder: migrated")) << result;
  EXPECT_THAT(SqliteProbe(project.path(k_db)).applied(), ElementsAre("20240101000001-placeholder"));
}

TEST(EmptySections, AnEmptyDownRevertsTheUnitWithoutRunningSql) {
  Project project;
  project.write(
      "migrations/20240101000001-keep-table.sql",
      "-- forge:up\n" + create_table("kept") + "\n-- forge:down\n-- deliberately empty\n");
  ASSERT_EQ(project.forge({"db:migrate", "--url", k_url}).exit_code, 0);

  const auto result = project.forge({"db:migrate:undo", "--url", k_url});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== 20240101000001-keep-table: reverted")) << result;
  SqliteProbe db(project.path(k_db));
  EXPECT_THAT(db.applied(), IsEmpty());
  EXPECT_TRUE(db.has_table("kept")) << "an empty down runs no SQL";
}

TEST(EmptySections, EmptyGolangMigrateFilesAreNoOpsBothWays) {
  Project project;
  project.write("migrations/1_nothing.up.sql", "\n-- comment only\n");
  project.write("migrations/1_nothing.down.sql", "");

  const auto up = project.forge({"db:migrate", "--url", k_url});
  ASSERT_EQ(up.exit_code, 0) << up;
  EXPECT_THAT(SqliteProbe(project.path(k_db)).applied(), ElementsAre("1_nothing"));
  const auto down = project.forge({"db:migrate:undo", "--url", k_url});
  ASSERT_EQ(down.exit_code, 0) << down;
  EXPECT_THAT(SqliteProbe(project.path(k_db)).applied(), IsEmpty());
}

}  // namespace
}  // namespace forge::e2e
