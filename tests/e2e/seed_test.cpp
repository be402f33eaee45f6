// Seeders: units in seeders/, run by the same runner as migrations, recorded in their own
// history table (ForgeSeeds), so db:seed:all runs each seeder once.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;

class Seed : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/1-create-users.sql",
                  unit_sql("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
                           "DROP TABLE users;"));
    const auto migrated = forge_db({"db:migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << migrated;
  }

  /// Writes `seeders/<version>-<name>.sql` inserting the user `user` (and deleting it on down);
  /// returns the seeder's name.
  std::string add_seeder(const std::string& version, const std::string& name,
                         const std::string& user, const std::string& folder = "seeders") {
    const std::string stem = version + "-" + name;
    project.write(folder + "/" + stem + ".sql",
                  unit_sql("INSERT INTO users (name) VALUES ('" + user + "');",
                           "DELETE FROM users WHERE name = '" + user + "';"));
    return stem;
  }

  /// The users' names, in insertion order, joined by ",".
  std::string users() const {
    return db().scalar(
        "SELECT ifnull(group_concat(name, ','), '') FROM (SELECT name FROM users ORDER BY id)");
  }
};

TEST_F(Seed, SeedAllRunsEverySeederOldestFirstAndRecordsThemInForgeSeeds) {
  const auto alice = add_seeder("20240101000000", "alice", "alice");
  const auto bob = add_seeder("20240102000000", "bob", "bob");

  const auto result = forge_db({"db:seed:all"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "alice,bob");
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre(alice, bob));
  EXPECT_THAT(db().applied(), ElementsAre("1-create-users"));
  EXPECT_THAT(result.out, HasSubstr("== " + alice + ": seeding ======="));
  EXPECT_THAT(result.out, HasSubstr("== " + bob + ": seeded ("));
  EXPECT_LT(position(result.out, alice + ": seeded"), position(result.out, bob + ": seeding"));
}

TEST_F(Seed, SeedAllTwiceRunsNothingTheSecondTime) {
  add_seeder("1", "alice", "alice");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto again = forge_db({"db:seed:all"});

  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(users(), "alice");
  EXPECT_THAT(again.out, HasSubstr("No seeders were executed"));
  EXPECT_THAT(again.out, Not(HasSubstr("seeding")));
}

TEST_F(Seed, SeedAllRunsOnlyTheSeedersAddedSinceTheLastRun) {
  add_seeder("1", "alice", "alice");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);
  const auto bob = add_seeder("2", "bob", "bob");

  const auto result = forge_db({"db:seed:all"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "alice,bob");
  EXPECT_EQ(occurrences(result.out, ": seeding"), 1u) << result;
  EXPECT_THAT(result.out, HasSubstr(bob + ": seeding"));
}

TEST_F(Seed, MigrationsAndSeedersKeepToTheirOwnFoldersAndTables) {
  add_seeder("1", "alice", "alice");
  project.write("migrations/2-create-t.sql", unit_sql(create_table("t"), "DROP TABLE t;"));

  const auto seeded = forge_db({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_FALSE(db().has_table("t"));  // seeding runs no migration

  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(migrated.out, Not(HasSubstr("alice")));
  EXPECT_THAT(db().applied(), ElementsAre("1-create-users", "2-create-t"));
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre("1-alice"));
  const auto status = forge_db({"db:migrate:status"});
  EXPECT_THAT(status.out, Not(HasSubstr("alice"))) << status;
}

TEST_F(Seed, SeedRunsExactlyTheNamedSeeder) {
  add_seeder("1", "alice", "alice");
  const auto bob = add_seeder("2", "bob", "bob");
  add_seeder("3", "carol", "carol");

  const auto result = forge_db({"db:seed", "--seed", "2"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "bob");
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre(bob));
}

TEST_F(Seed, SeedNamesTheSeederByFileNameStemOrVersion) {
  add_seeder("1", "alice", "alice");
  add_seeder("2", "bob", "bob");
  add_seeder("3", "carol", "carol");

  ASSERT_EQ(forge_db({"db:seed", "--seed", "3-carol.sql"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:seed", "--seed", "1-alice"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:seed", "--seed", "2"}).exit_code, 0);

  EXPECT_EQ(users(), "carol,alice,bob");
}

TEST_F(Seed, SeedOfASeederThatRanAlreadyRunsNothing) {
  add_seeder("1", "alice", "alice");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto again = forge_db({"db:seed", "--seed", "1-alice"});

  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(users(), "alice");
  EXPECT_THAT(again.out, HasSubstr("No seeders were executed"));
}

TEST_F(Seed, AnUnknownSeederIsAUsageErrorListingTheSeedersAndRunsNothing) {
  add_seeder("1", "alice", "alice");

  const auto result = forge_db({"db:seed", "--seed", "nobody"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("nobody"));
  EXPECT_THAT(result.err, HasSubstr("1-alice"));
  EXPECT_EQ(users(), "");
  EXPECT_THAT(db().applied("ForgeSeeds"), IsEmpty());
}

TEST_F(Seed, SeedWithoutSeedIsAUsageError) {
  add_seeder("1", "alice", "alice");

  const auto result = forge_db({"db:seed"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("--seed"));
  EXPECT_EQ(users(), "");
}

TEST_F(Seed, UndoRevertsTheMostRecentSeederOnly) {
  add_seeder("1", "alice", "alice");
  add_seeder("2", "bob", "bob");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto result = forge_db({"db:seed:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "alice");
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre("1-alice"));
  EXPECT_THAT(result.out, HasSubstr("== 2-bob: reverting"));
  EXPECT_THAT(db().applied(), ElementsAre("1-create-users"));
}

TEST_F(Seed, UndoWithSeedRevertsExactlyThatSeeder) {
  add_seeder("1", "alice", "alice");
  add_seeder("2", "bob", "bob");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto result = forge_db({"db:seed:undo", "--seed", "1"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "bob");
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre("2-bob"));
}

TEST_F(Seed, UndoOfAnUnknownSeederIsAUsageErrorAndRevertsNothing) {
  add_seeder("1", "alice", "alice");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto result = forge_db({"db:seed:undo", "--seed", "nobody"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("nobody"));
  EXPECT_EQ(users(), "alice");
}

TEST_F(Seed, UndoAllRevertsEverySeederNewestFirstAndKeepsTheMigrations) {
  add_seeder("1", "alice", "alice");
  add_seeder("2", "bob", "bob");
  add_seeder("3", "carol", "carol");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);

  const auto result = forge_db({"db:seed:undo:all"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "");
  EXPECT_THAT(db().applied("ForgeSeeds"), IsEmpty());
  EXPECT_THAT(db().applied(), ElementsAre("1-create-users"));
  const auto carol = position(result.out, "3-carol: reverting");
  const auto bob = position(result.out, "2-bob: reverting");
  const auto alice = position(result.out, "1-alice: reverting");
  ASSERT_NE(alice, std::string::npos) << result;
  EXPECT_LT(carol, bob);
  EXPECT_LT(bob, alice);
}

TEST_F(Seed, UndoWithNothingSeededSaysSoAndSucceeds) {
  add_seeder("1", "alice", "alice");

  const auto result = forge_db({"db:seed:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("No executed seeders found."));
}

TEST_F(Seed, PairedFilesAndDeclarativeSeedersRunAsMigrationsDo) {
  project.write("seeders/1_alice.up.sql", "INSERT INTO users (name) VALUES ('alice');\n");
  project.write("seeders/1_alice.down.sql", "DELETE FROM users WHERE name = 'alice';\n");
  project.write("seeders/2-bob.yaml",
                "up:\n  - bulkInsert:\n      table: users\n      rows:\n        - { name: bob }\n");
  project.write("seeders/3-carol.json",
                R"({"up": [{"bulkInsert": {"table": "users", "rows": [{"name": "carol"}]}}]})");

  const auto seeded = forge_db({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_EQ(users(), "alice,bob,carol");

  const auto undone = forge_db({"db:seed:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(users(), "");  // the YAML and JSON downs are derived from bulkInsert
}

TEST_F(Seed, AFailingSeederExitsOneAndIsNotRecorded) {
  add_seeder("1", "alice", "alice");
  project.write("seeders/2-broken.sql", unit_sql("INSERT INTO no_such_table VALUES (1);", ""));

  const auto result = forge_db({"db:seed:all"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("seeders/2-broken.sql"));
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre("1-alice"));
}

TEST_F(Seed, SeedTableComesFromTheFlagTheEnvironmentOrTheConfig) {
  add_seeder("1", "alice", "alice");

  ASSERT_EQ(forge_db({"db:seed:all", "--seed-table", "FromFlag"}).exit_code, 0);
  EXPECT_THAT(db().applied("FromFlag"), ElementsAre("1-alice"));
  EXPECT_FALSE(db().has_table("ForgeSeeds"));

  const auto from_env = forge_db({"db:seed:undo"}, {{"FORGE_SEED_TABLE", "FromFlag"}});
  ASSERT_EQ(from_env.exit_code, 0) << from_env;
  EXPECT_THAT(db().applied("FromFlag"), IsEmpty());

  project.write(
      "forge.json",
      R"({"development": {"url": "sqlite:db/dev.sqlite3", "seederStorageTableName": "FromConfig"}})");
  const auto from_config = project.forge({"db:seed:all"});
  ASSERT_EQ(from_config.exit_code, 0) << from_config;
  EXPECT_THAT(db().applied("FromConfig"), ElementsAre("1-alice"));
}

TEST_F(Seed, SeedersFolderComesFromTheFlagTheEnvironmentForgercOrTheConfig) {
  add_seeder("1", "alice", "alice", "data/a");
  add_seeder("2", "bob", "bob", "data/b");
  add_seeder("3", "carol", "carol", "data/c");
  add_seeder("4", "dave", "dave", "data/d");

  ASSERT_EQ(forge_db({"db:seed:all", "--seeders-path", "data/a"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:seed:all"}, {{"FORGE_SEEDERS_PATH", "data/b"}}).exit_code, 0);
  project.write(".forgerc", R"({"seeders-path": "data/c"})");
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);
  project.remove(".forgerc");
  project.write("forge.json",
                R"({"development": {"url": "sqlite:db/dev.sqlite3", "seedersPath": "data/d"}})");
  const auto from_config = project.forge({"db:seed:all"});
  ASSERT_EQ(from_config.exit_code, 0) << from_config;

  EXPECT_EQ(users(), "alice,bob,carol,dave");
}

TEST_F(Seed, AMissingSeedersFolderIsAUsageErrorNamingIt) {
  const auto result = forge_db({"db:seed:all"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("seeders folder seeders not found"));
  EXPECT_THAT(result.err, HasSubstr("--seeders-path"));
}

TEST_F(Seed, DryRunPrintsTheSqlAndChangesNothing) {
  add_seeder("1", "alice", "alice");

  const auto result = forge_db({"db:seed:all", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("INSERT INTO users (name) VALUES ('alice');"));
  EXPECT_THAT(result.out, HasSubstr("1 unit(s) would be seeded"));
  EXPECT_EQ(users(), "");
  EXPECT_FALSE(db().has_table("ForgeSeeds"));
}

TEST_F(Seed, DryRunSpeaksOfSeedingNotMigrating) {
  add_seeder("1", "alice", "alice");

  const auto pending = forge_db({"db:seed:all", "--dry-run"});
  ASSERT_EQ(forge_db({"db:seed:all"}).exit_code, 0);
  const auto nothing = forge_db({"db:seed:all", "--dry-run"});

  ASSERT_EQ(pending.exit_code, 0) << pending;
  EXPECT_THAT(pending.out, HasSubstr("-- == 1-alice: would seed (dry run)")) << pending;
  EXPECT_THAT(pending.out, Not(HasSubstr("migrat"))) << pending;
  ASSERT_EQ(nothing.exit_code, 0) << nothing;
  EXPECT_THAT(nothing.out, HasSubstr("Nothing to seed")) << nothing;
  EXPECT_THAT(nothing.out, Not(HasSubstr("migrat"))) << nothing;
}

TEST_F(Seed, JsonListsTheSeedersThatRanAndTheirTable) {
  add_seeder("1", "alice", "alice");

  const auto result = forge_db({"db:seed:all", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto document = nlohmann::json::parse(result.out);
  EXPECT_EQ(document["command"], "db:seed:all");
  EXPECT_EQ(document["historyTable"], "ForgeSeeds");
  EXPECT_EQ(document["ok"], true);
  ASSERT_EQ(document["units"].size(), 1u);
  EXPECT_EQ(document["units"][0]["name"], "1-alice");
  EXPECT_EQ(document["units"][0]["file"], "seeders/1-alice.sql");
}

// seed:generate

std::string printed_path(const ProcessResult& result) {
  const auto lines = lines_of(result.out);
  return lines.empty() ? std::string() : lines.back();
}

TEST(SeedGenerate, WritesATimestampedSqlSeederInTheSeedersFolder) {
  Project project;
  const auto result = project.forge({"seed:generate", "--name", "demo-users"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(printed_path(result), MatchesRegex("seeders/[0-9]{14}-demo-users\\.sql"));
  EXPECT_THAT(project.read(printed_path(result)), HasSubstr("-- forge:up"));
  EXPECT_THAT(project.read(printed_path(result)), HasSubstr("-- forge:down"));
  EXPECT_FALSE(project.exists("migrations"));
}

TEST(SeedGenerate, WritesYamlAndJsonSeedersAndHonoursTheSeedersPath) {
  Project project;
  const auto yaml = project.forge({"seed:generate", "--name", "a", "--format", "yaml"});
  const auto json = project.forge(
      {"seed:create", "--name", "b", "--format", "json", "--seeders-path", "db/seeds"});

  ASSERT_EQ(yaml.exit_code, 0) << yaml;
  ASSERT_EQ(json.exit_code, 0) << json;
  EXPECT_THAT(printed_path(yaml), MatchesRegex("seeders/[0-9]{14}-a\\.yaml"));
  EXPECT_THAT(printed_path(json), MatchesRegex("db/seeds/[0-9]{14}-b\\.json"));
}

TEST(SeedGenerate, TwoSeedersMadeInOneSecondGetOrderedVersions) {
  Project project;
  const auto first = project.forge({"seed:generate", "--name", "a"});
  const auto second = project.forge({"seed:generate", "--name", "b"});

  ASSERT_EQ(second.exit_code, 0) << second;
  EXPECT_LT(printed_path(first), printed_path(second));
  EXPECT_THAT(project.list("seeders"), ::testing::SizeIs(2));
}

TEST(SeedGenerate, RefusesANameWithASpaceOrAnUnknownFormat) {
  Project project;
  const auto spaced = project.forge({"seed:generate", "--name", "demo users"});
  const auto xml = project.forge({"seed:generate", "--name", "x", "--format", "xml"});

  EXPECT_EQ(spaced.exit_code, 2) << spaced;
  EXPECT_THAT(spaced.err, HasSubstr("invalid seeder name"));
  EXPECT_EQ(xml.exit_code, 2) << xml;
  EXPECT_FALSE(project.exists("seeders"));
}

class SeedTemplates : public ForgeTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(SeedTemplates, TheDeclarativeTemplatesSeedAndUnseedTheMigrationTemplatesTable) {
  const auto migration =
      project.forge({"migration:generate", "--name", "example", "--format", "yaml"});
  const auto seeder = project.forge({"seed:generate", "--name", "example", "--format", GetParam()});
  ASSERT_EQ(migration.exit_code, 0) << migration;
  ASSERT_EQ(seeder.exit_code, 0) << seeder;
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto seeded = forge_db({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_EQ(db().count("example"), 2);

  const auto undone = forge_db({"db:seed:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().count("example"), 0);
}

INSTANTIATE_TEST_SUITE_P(Formats, SeedTemplates, ::testing::Values("yaml", "json"));

TEST_F(Seed, SeedWithSeveralSeedsRunsExactlyThoseInOrder) {
  const auto alice = add_seeder("1", "alice", "alice");
  add_seeder("2", "bob", "bob");
  const auto carol = add_seeder("3", "carol", "carol");

  const auto result = forge_db({"db:seed", "--seed", carol + ".sql", alice + ".sql"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(users(), "alice,carol");
  EXPECT_THAT(db().applied("ForgeSeeds"), ElementsAre(alice, carol));
}

}  // namespace
}  // namespace forge::e2e
