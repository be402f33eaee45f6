// Where forge finds its database and folders: flags, environment, forge.json, Sequelize's
// config/config.json, ${VAR} expansion.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const char* k_two_environments = R"({
  "development": { "dialect": "sqlite", "storage": "db/dev.sqlite3" },
  "test": { "dialect": "sqlite", "storage": "db/test.sqlite3" }
})";

class Configuration : public ForgeTest {
 protected:
  void SetUp() override { unit = add_table_unit("20240101000001", "create-t", "t"); }
  // True when `file` exists and holds the unit's table and history row.
  bool migrated(const std::string& file, const std::string& table = "ForgeMeta") const {
    if (!project.exists(file)) return false;
    SqliteProbe probe(project.path(file));
    return probe.has_table("t") && probe.applied(table) == std::vector<std::string>{unit};
  }
  std::string unit;
};

TEST_F(Configuration, UrlIsAcceptedBeforeTheCommand) {
  const auto result = project.forge({"--url", "sqlite:before.db", "db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("before.db"));
}

TEST_F(Configuration, UrlIsAcceptedAfterTheCommand) {
  const auto result = project.forge({"db:migrate", "--url", "sqlite:after.db"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("after.db"));
}

TEST_F(Configuration, AnAbsoluteSqliteUrlIsHonoured) {
  const std::string absolute = project.path("abs/place.db").string();

  const auto result = project.forge({"db:migrate", "--url", "sqlite://" + absolute});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("abs/place.db"));
}

TEST_F(Configuration, DatabaseUrlFromTheEnvironmentIsHonoured) {
  const auto result = project.forge({"db:migrate"}, {{"DATABASE_URL", "sqlite:from-env.db"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("from-env.db"));
}

TEST_F(Configuration, TheUrlFlagWinsOverDatabaseUrl) {
  const auto result =
      project.forge({"db:migrate", "--url", "sqlite:flag.db"}, {{"DATABASE_URL", "sqlite:env.db"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("flag.db"));
  EXPECT_FALSE(project.exists("env.db"));
}

TEST_F(Configuration, DatabaseUrlWinsOverTheConfigFile) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate"}, {{"DATABASE_URL", "sqlite:env.db"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("env.db"));
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
}

TEST_F(Configuration, EnvSelectsTheConfigSection) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate", "--env", "test"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("db/test.sqlite3"));
  EXPECT_FALSE(project.exists("db/dev.sqlite3"));
}

TEST_F(Configuration, ForgeEnvSelectsTheSectionWhenNoFlagIsGiven) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate"}, {{"FORGE_ENV", "test"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("db/test.sqlite3"));
}

TEST_F(Configuration, NodeEnvSelectsTheSectionLikeSequelize) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate"}, {{"NODE_ENV", "test"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("db/test.sqlite3"));
}

TEST_F(Configuration, WithoutEnvTheDevelopmentSectionIsUsed) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("db/dev.sqlite3"));
  EXPECT_FALSE(project.exists("db/test.sqlite3"));
}

TEST_F(Configuration, AnUnknownEnvironmentExitsTwoListingTheKnownOnes) {
  project.write("forge.json", k_two_environments);

  const auto result = project.forge({"db:migrate", "--env", "staging"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("staging")) << result;
  EXPECT_THAT(result.err, HasSubstr("development")) << result;
}

TEST_F(Configuration, ConfigReadsASequelizeConfigJsonWithDialectAndStorage) {
  project.write("config/config.json", R"({
    "development": { "dialect": "sqlite", "storage": "db/sequelize.sqlite3", "logging": false },
    "production": { "use_env_variable": "DATABASE_URL", "dialect": "postgres" }
  })");

  const auto result = project.forge({"db:migrate", "--config", "config/config.json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("db/sequelize.sqlite3", "SequelizeMeta"));  // as sequelize-cli's history
}

TEST_F(Configuration, ASequelizeConfigJsonIsFoundWithoutTheFlag) {
  project.write("config/config.json",
                R"({ "development": { "dialect": "sqlite", "storage": "found.sqlite3" } })");

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("found.sqlite3", "SequelizeMeta"));
}

TEST_F(Configuration, ANamedConfigFileThatDoesNotExistExitsTwo) {
  const auto result = project.forge({"db:migrate", "--config", "nope.json"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("nope.json")) << result;
}

TEST_F(Configuration, InvalidJsonInTheConfigFileExitsTwoNamingTheFile) {
  project.write("forge.json", "{ \"development\": { \"url\": } }");

  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("forge.json")) << result;
}

TEST_F(Configuration, NoDatabaseAnywhereExitsTwoSayingHowToNameOne) {
  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("--url")) << result;
}

TEST_F(Configuration, AFileThatIsNotASqliteDatabaseExitsThree) {
  project.write("junk.db",
                "this is a text file, not a SQLite database, padded to be long enough\n");

  const auto result = project.forge({"db:migrate", "--url", "sqlite:junk.db"});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr("junk.db")) << result;
}

TEST_F(Configuration, ADatabasePathThatCannotBeOpenedExitsThree) {
  const auto result = project.forge({"db:migrate", "--url", "sqlite:migrations"});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations")) << result;
}

TEST_F(Configuration, AVariableInAConfigValueIsTakenFromTheEnvironment) {
  project.write("forge.json", R"({ "development": { "url": "sqlite:${DB_DIR}/app.db" } })");

  const auto result = project.forge({"db:migrate"}, {{"DB_DIR", "data"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated("data/app.db"));
}

TEST_F(Configuration, AnUnsetVariableInAConfigValueExitsTwoNamingIt) {
  project.write("forge.json",
                R"({ "development": { "dialect": "sqlite", "storage": "${DB_FILE}" } })");

  const auto result = project.forge({"db:migrate"}, {{"DB_FILE", std::nullopt}});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("DB_FILE")) << result;
  EXPECT_THAT(project.list("."), ElementsAre("forge.json", "migrations"));
}

TEST_F(Configuration, MigrationsPathPointsAtAnotherFolder) {
  project.write("db/migrations/1_elsewhere.up.sql", create_table("elsewhere"));

  const auto result = forge_db({"db:migrate", "--migrations-path", "db/migrations"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("elsewhere"));
  EXPECT_FALSE(db().has_table("t"));
  EXPECT_THAT(db().applied(), ElementsAre("1_elsewhere"));
}

TEST_F(Configuration, ForgercSetsTheMigrationsPath) {
  project.write("db/migrations/1_elsewhere.up.sql", create_table("elsewhere"));
  project.write(".forgerc", R"({ "migrations-path": "db/migrations" })");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre("1_elsewhere"));
}

TEST_F(Configuration, MetaTableRenamesTheHistoryTable) {
  const auto result = forge_db({"db:migrate", "--meta-table", "schema_history"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated(k_db, "schema_history"));
  EXPECT_FALSE(db().has_table("ForgeMeta"));
}

TEST_F(Configuration, MetaTableAlsoGovernsStatusAndUndo) {
  ASSERT_EQ(forge_db({"db:migrate", "--meta-table", "schema_history"}).exit_code, 0);

  EXPECT_THAT(lines_of(forge_db({"db:migrate:status"}).out), ElementsAre("down " + unit));
  EXPECT_THAT(lines_of(forge_db({"db:migrate:status", "--meta-table", "schema_history"}).out),
              ElementsAre("up " + unit));
  ASSERT_EQ(forge_db({"db:migrate:undo", "--meta-table", "schema_history"}).exit_code, 0);
  EXPECT_THAT(db().applied("schema_history"), IsEmpty());
}

TEST_F(Configuration, MigrationStorageTableNameInTheConfigNamesTheHistoryTable) {
  project.write("forge.json",
                R"({ "development": { "dialect": "sqlite", "storage": "db/dev.sqlite3",
                                   "migrationStorageTableName": "SequelizeMeta" } })");

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated(k_db, "SequelizeMeta"));
  EXPECT_FALSE(db().has_table("ForgeMeta"));
}

}  // namespace
}  // namespace forge::e2e
