// Choosing units: --to, --step, --name, and the three ways to name a unit.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class UnitSelection : public ForgeTest {
 protected:
  void SetUp() override {
    a = add_table_unit("20240101000001", "create-a", "a");
    b = add_table_unit("20240101000002", "create-b", "b");
    c = add_table_unit("20240101000003", "create-c", "c");
    d = add_table_unit("20240101000004", "create-d", "d");
  }
  void migrate_all() { ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0); }
  std::string a, b, c, d;
};

TEST_F(UnitSelection, MigrateToAppliesUpToAndIncludingTheUnitNamedByItsStem) {
  const auto result = forge_db({"db:migrate", "--to", b});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
  EXPECT_FALSE(db().has_table("c"));
}

TEST_F(UnitSelection, MigrateToAcceptsTheUnitsFileName) {
  const auto result = forge_db({"db:migrate", "--to", c + ".sql"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
}

TEST_F(UnitSelection, MigrateToAcceptsTheUnitsPathInTheMigrationsFolder) {
  const auto result = forge_db({"db:migrate", "--to", "migrations/" + a + ".sql"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a));
}

TEST_F(UnitSelection, MigrateToAcceptsTheVersionAlone) {
  const auto result = forge_db({"db:migrate", "--to", "20240101000002"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
}

TEST_F(UnitSelection, MigrateStepAppliesAtMostThatManyPendingUnits) {
  ASSERT_EQ(forge_db({"db:migrate", "--step", "1"}).exit_code, 0);

  const auto result = forge_db({"db:migrate", "--step", "2"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c));
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr(a))) << result;
}

// Refused as the flags are read, before the database is even opened.
TEST_F(UnitSelection, MigrateNameAppliesExactlyTheNamedUnitsAndLeavesTheOthersPending) {
  const auto result = forge_db({"db:migrate", "--name", c + ".sql", "--name", a});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, c));
  EXPECT_FALSE(db().has_table("b"));
  EXPECT_FALSE(db().has_table("d"));
}

TEST_F(UnitSelection, MigrateNameOfAnAppliedUnitRunsNothing) {
  migrate_all();

  const auto result = forge_db({"db:migrate", "--name", b});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c, d));
}

TEST_F(UnitSelection, MigrateNameWithToIsRefusedWithExitTwo) {
  const auto result = forge_db({"db:migrate", "--name", a, "--to", b});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_FALSE(project.exists(k_db)) << "refused before any database work";
}

TEST_F(UnitSelection, MigrateStepZeroIsRefusedWithExitTwo) {
  const auto result = forge_db({"db:migrate", "--step", "0"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("--step: expected a whole number from 1")) << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
}

TEST_F(UnitSelection, UndoStepRevertsThatManyNewestUnits) {
  migrate_all();

  const auto result = forge_db({"db:migrate:undo", "--step", "2"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b));
  EXPECT_LT(position(result.out, d + ": reverted"), position(result.out, c + ": reverting"));
}

TEST_F(UnitSelection, UndoNameRevertsExactlyThatUnitAndLeavesTheOthers) {
  migrate_all();

  const auto result = forge_db({"db:migrate:undo", "--name", b + ".sql"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, c, d));
  EXPECT_FALSE(db().has_table("b"));
  EXPECT_TRUE(db().has_table("d"));
}

TEST_F(UnitSelection, UndoNameOfAPendingUnitExitsTwoAndRevertsNothing) {
  ASSERT_EQ(forge_db({"db:migrate", "--to", a}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo", "--name", c});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("not applied")) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a));
}

TEST_F(UnitSelection, UndoAllToRevertsDownToAndIncludingTheNamedUnit) {
  migrate_all();

  const auto result = forge_db({"db:migrate:undo:all", "--to", b});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a));
  EXPECT_TRUE(db().has_table("a"));
  EXPECT_FALSE(db().has_table("b"));
}

TEST_F(UnitSelection, AnUnknownReferenceExitsTwoListsTheUnitsAndRunsNothing) {
  const auto result = forge_db({"db:migrate", "--to", "20240101000009-create-z"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("no unit is named '20240101000009-create-z'")) << result;
  for (const auto& unit : {a, b, c, d}) EXPECT_THAT(result.err, HasSubstr(unit)) << result;
  EXPECT_THAT(result.out, ::testing::Not(HasSubstr("migrating"))) << result;
  EXPECT_THAT(db().applied(), IsEmpty());
  EXPECT_FALSE(db().has_table("a"));
}

TEST_F(UnitSelection, AReferenceIsAnExactMatchNeverAPrefix) {
  migrate_all();

  const auto result = forge_db({"db:migrate:undo:all", "--to", "20240101"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a, b, c, d));
}

TEST_F(UnitSelection, AnAmbiguousVersionExitsTwoListsBothUnitsAndRunsNothing) {
  // A renamed file: the old name is applied, the new file carries the same version.
  ASSERT_EQ(forge_db({"db:migrate", "--to", a}).exit_code, 0);
  project.remove("migrations/" + a + ".sql");
  const std::string renamed = add_table_unit("20240101000001", "create-a-renamed", "a2");

  const auto result = forge_db({"db:migrate", "--to", "20240101000001"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("names more than one unit")) << result;
  EXPECT_THAT(result.err, HasSubstr(a)) << result;
  EXPECT_THAT(result.err, HasSubstr(renamed)) << result;
  EXPECT_THAT(db().applied(), ElementsAre(a));
  EXPECT_FALSE(db().has_table("a2"));
}

}  // namespace
}  // namespace forge::e2e
