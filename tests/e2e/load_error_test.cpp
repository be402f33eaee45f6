// Broken migration folders are reported (exit 2, naming the files) before any database work.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class LoadError : public ForgeTest {
 protected:
  // Runs db:migrate on a project with no database yet; the file must not even be created.
  ProcessResult migrate_expecting_no_database_work() {
    auto result = forge_db({"db:migrate"});
    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_FALSE(project.exists(k_db)) << "a load error must come before opening the database";
    EXPECT_THAT(result.out, Not(HasSubstr("migrating"))) << result;
    return result;
  }
};

TEST_F(LoadError, TwoUnitsWithOneVersionExitTwoNamingBothFiles) {
  project.write("migrations/2_add_a.up.sql", create_table("a"));
  project.write("migrations/2-add-b.sql", unit_sql(create_table("b"), "DROP TABLE b;"));

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations/2_add_a.up.sql")) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/2-add-b.sql")) << result;
}

TEST_F(LoadError, VersionsEqualAsNumbersCountAsTheSameVersion) {
  project.write("migrations/7_a.up.sql", create_table("a"));
  project.write("migrations/007_b.up.sql", create_table("b"));

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("7_a.up.sql")) << result;
  EXPECT_THAT(result.err, HasSubstr("007_b.up.sql")) << result;
}

TEST_F(LoadError, ASingleFileWithoutAnUpMarkerExitsTwoNamingIt) {
  project.write("migrations/1_ok.up.sql", create_table("ok"));
  project.write("migrations/20240101000001-no-up.sql", "-- forge:down\nDROP TABLE x;\n");

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000001-no-up.sql")) << result;
  EXPECT_THAT(result.err, HasSubstr("no up section")) << result;
}

TEST_F(LoadError, ASingleFileWithSqlBeforeAnyMarkerExitsTwoWithItsLine) {
  project.write("migrations/20240101000001-no-markers.sql",
                "-- a comment\nCREATE TABLE x (id INT);\n");

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000001-no-markers.sql:2")) << result;
}

TEST_F(LoadError, ADownFileWithoutAnUpFileExitsTwoNamingIt) {
  project.write("migrations/1_ok.up.sql", create_table("ok"));
  project.write("migrations/2_orphan.down.sql", "DROP TABLE orphan;");

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations/2_orphan.down.sql")) << result;
}

TEST_F(LoadError, AnUnknownMarkerOptionExitsTwoWithTheMarkersLine) {
  project.write("migrations/20240101000001-typo.sql",
                "-- forge:up transaction:flase\nVACUUM;\n-- forge:down\n");

  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000001-typo.sql:1")) << result;
}

TEST_F(LoadError, AMissingMigrationsFolderExitsTwo) {
  const auto result = migrate_expecting_no_database_work();

  EXPECT_THAT(result.err, HasSubstr("migrations folder not found")) << result;
}

TEST_F(LoadError, LeavesAnExistingDatabaseAndItsHistoryUnchanged) {
  project.write("migrations/1_base.up.sql", create_table("base"));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  project.write("migrations/2_pending.up.sql", create_table("pending"));
  project.write("migrations/3_orphan.down.sql", "DROP TABLE orphan;");
  const auto before = db().history();

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_FALSE(db().has_table("pending"));
  const auto after = db().history();
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after[0].applied_at, before[0].applied_at);
  EXPECT_THAT(db().applied(), ElementsAre("1_base"));
}

TEST_F(LoadError, AlsoStopsStatusAndUndo) {
  project.write("migrations/2_orphan.down.sql", "DROP TABLE orphan;");

  EXPECT_EQ(forge_db({"db:migrate:status"}).exit_code, 2);
  EXPECT_EQ(forge_db({"db:migrate:undo"}).exit_code, 2);
  EXPECT_FALSE(project.exists(k_db));
}

}  // namespace
}  // namespace forge::e2e
