// forge init: the project skeleton, and that it never overwrites.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

class Init : public ForgeTest {};

TEST_F(Init, WritesForgeJsonWithSqliteForDevelopmentAndTestAndDatabaseUrlForProduction) {
  const auto result = project.forge({"init"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("Created forge.json")) << result;
  const auto config = nlohmann::json::parse(project.read("forge.json"));
  EXPECT_EQ(config["development"]["dialect"], "sqlite");
  EXPECT_EQ(config["development"]["storage"], "db/development.sqlite3");
  EXPECT_EQ(config["test"]["dialect"], "sqlite");
  EXPECT_EQ(config["test"]["storage"], "db/test.sqlite3");
  EXPECT_EQ(config["production"]["url"], "${DATABASE_URL}");
}

TEST_F(Init, CreatesEmptyMigrationsAndSeedersFolders) {
  const auto result = project.forge({"init"});

  ASSERT_EQ(result.exit_code, 0) << result;
  ASSERT_TRUE(std::filesystem::is_directory(project.path("migrations")));
  ASSERT_TRUE(std::filesystem::is_directory(project.path("seeders")));
  EXPECT_THAT(project.list("migrations"), IsEmpty());
  EXPECT_THAT(result.out, HasSubstr("migrations/"));
  EXPECT_THAT(result.out, HasSubstr("seeders/"));
}

TEST_F(Init, RunASecondTimeExitsTwoAndChangesNothing) {
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);
  const std::string edited = "{ \"development\": { \"url\": \"sqlite:mine.db\" } }\n";
  project.write("forge.json", edited);
  project.remove("seeders");

  const auto result = project.forge({"init"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("forge.json already exists")) << result;
  EXPECT_EQ(project.read("forge.json"), edited);
  EXPECT_FALSE(project.exists("seeders")) << "a refused init must not create folders";
}

TEST_F(Init, LetsDbMigrateRunWithoutAnyFlags) {
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);
  project.write("migrations/20240101000001-create-users.sql",
                unit_sql(create_table("users"), "DROP TABLE users;"));

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  SqliteProbe development(project.path("db/development.sqlite3"));
  EXPECT_TRUE(development.has_table("users"));
  EXPECT_THAT(development.applied(), ::testing::ElementsAre("20240101000001-create-users"));
  EXPECT_FALSE(project.exists("db/test.sqlite3"));
}

TEST_F(Init, ProductionTakesItsDatabaseFromDatabaseUrl) {
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);
  project.write("migrations/1_create_t.up.sql", create_table("t"));

  const auto result =
      project.forge({"db:migrate", "--env", "production"}, {{"DATABASE_URL", "sqlite:prod.db"}});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(SqliteProbe(project.path("prod.db")).has_table("t"));
  EXPECT_FALSE(project.exists("db/development.sqlite3"));
}

TEST_F(Init, ProductionWithoutDatabaseUrlExitsTwoNamingTheVariable) {
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);

  const auto result = project.forge({"db:migrate", "--env", "production"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("DATABASE_URL")) << result;
}

}  // namespace
}  // namespace forge::e2e
