// db:create and db:drop on SQLite: the database file itself.
#include <filesystem>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class Database : public ForgeTest {
 protected:
  void migrate_one_table() {
    add_table_unit("1", "create-t", "t");
    const auto migrated = forge_db({"db:migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << migrated;
  }
};

TEST_F(Database, CreateMakesAnEmptySqliteFileAndItsFolder) {
  const auto result = project.forge({"db:create", "--url", "sqlite:data/new/app.sqlite3"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("Database sqlite:data/new/app.sqlite3 created."));
  ASSERT_TRUE(project.exists("data/new/app.sqlite3"));
  EXPECT_EQ(SqliteProbe(project.path("data/new/app.sqlite3"))
                .scalar("SELECT count(*) FROM sqlite_master"),
            "0");
}

TEST_F(Database, CreateUsesTheConfiguredDatabase) {
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);

  const auto result = project.forge({"db:create"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(project.exists("db/development.sqlite3"));
}

TEST_F(Database, CreateOnAnExistingDatabaseSaysSoExitsZeroAndChangesNothing) {
  migrate_one_table();
  const std::string before = db().schema_and_history();

  const auto result = forge_db({"db:create"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("already exists; nothing to do"));
  EXPECT_EQ(db().schema_and_history(), before);
}

TEST_F(Database, DropDeletesTheFileAndTheFilesBesideIt) {
  migrate_one_table();
  for (const char* suffix : {"-wal", "-shm", "-journal"}) project.write(k_db + suffix, "");
  project.write(k_db + ".forge-lock", "");  // left by a forge older than the lock on the file
  project.write("db/other.sqlite3", "");

  const auto result = forge_db({"db:drop"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("Database sqlite:db/dev.sqlite3 dropped."));
  EXPECT_THAT(project.list("db"), ::testing::ElementsAre("other.sqlite3"));
}

// db:drop deletes a SQLite database and SQLite's own files beside it, nothing else: a URL that
// names a text file, a folder or a link to a text file is refused and the file stays.
TEST_F(Database, DropRefusesWhatIsNotASqliteDatabaseAndKeepsIt) {
  project.write("notes.txt", "the team's notes\n");
  std::filesystem::create_directories(project.path("empty-folder"));
  std::filesystem::create_symlink(project.path("notes.txt"), project.path("link.db"));
  for (const std::string name : {"notes.txt", "empty-folder", "link.db"}) {
    const auto result = project.forge({"db:drop", "--url", "sqlite:" + name});

    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr(name + " is ")) << result;
    EXPECT_THAT(result.err, HasSubstr("forge leaves it as it is")) << result;
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::symlink_status(project.path(name))));
  }
  EXPECT_EQ(project.read("notes.txt"), "the team's notes\n");
}

TEST_F(Database, DropLeavesAFolderNamedLikeAFileSqliteKeepsBesideTheDatabase) {
  migrate_one_table();
  std::filesystem::create_directories(project.path(k_db + "-journal"));

  const auto result = forge_db({"db:drop"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
  EXPECT_TRUE(project.exists(k_db + "-journal"));
}

TEST_F(Database, CreateRefusesAnExistingFileThatIsNotASqliteDatabase) {
  project.write("notes.txt", "the team's notes\n");

  const auto result = project.forge({"db:create", "--url", "sqlite:notes.txt"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("notes.txt is not a SQLite database")) << result;
  EXPECT_EQ(project.read("notes.txt"), "the team's notes\n");
}

TEST_F(Database, DropOfADatabaseThatDoesNotExistSaysSoAndExitsZero) {
  const auto result = forge_db({"db:drop"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("does not exist; nothing to do"));
}

TEST_F(Database, CreateMigrateDropCreateGivesAFreshDatabase) {
  ASSERT_EQ(forge_db({"db:create"}).exit_code, 0);
  migrate_one_table();
  ASSERT_EQ(forge_db({"db:drop"}).exit_code, 0);

  const auto created = forge_db({"db:create"});

  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_THAT(created.out, HasSubstr("created."));
  EXPECT_FALSE(db().has_table("t"));
  EXPECT_FALSE(db().has_table("ForgeMeta"));
}

TEST_F(Database, DropRefusesTheProductionEnvironmentWithoutForce) {
  migrate_one_table();

  const auto by_flag = forge_db({"db:drop", "--env", "production"});
  const auto by_node_env = forge_db({"db:drop"}, {{"NODE_ENV", "production"}});

  for (const auto& result : {by_flag, by_node_env}) {
    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err,
                HasSubstr("refusing to drop the database of the \"production\" environment"));
    EXPECT_THAT(result.err, HasSubstr("--force"));
    EXPECT_THAT(result.out, IsEmpty());
  }
  EXPECT_TRUE(db().has_table("t"));
}

TEST_F(Database, DropOfProductionWithForceDropsIt) {
  migrate_one_table();

  const auto result = forge_db({"db:drop", "--force"}, {{"FORGE_ENV", "production"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(Database, OtherEnvironmentsDropWithoutForce) {
  migrate_one_table();

  const auto result = forge_db({"db:drop", "--env", "staging"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(Database, CreateAndDropOfAnInMemoryDatabaseAreUsageErrors) {
  const auto created = project.forge({"db:create", "--url", "sqlite::memory:"});
  const auto dropped = project.forge({"db:drop", "--url", "sqlite::memory:"});

  EXPECT_EQ(created.exit_code, 2) << created;
  EXPECT_THAT(created.err, HasSubstr("in memory"));
  EXPECT_EQ(dropped.exit_code, 2) << dropped;
}

TEST_F(Database, QuietPrintsNothingOnSuccess) {
  const auto result = forge_db({"db:create", "--quiet"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_TRUE(project.exists(k_db));
  EXPECT_THAT(result.err, Not(HasSubstr("error")));
}

}  // namespace
}  // namespace forge::e2e
