// A Sequelize project (config/config.json, or a .sequelizerc beside it): forge keeps its history
// where sequelize-cli does, SequelizeMeta, unless told otherwise; says so when it cannot know
// which table is true; and `forge init` writes nothing that would shadow config/config.json.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class SequelizeProject : public ForgeTest {
 protected:
  void SetUp() override {
    ForgeTest::SetUp();
    project.write("config/config.json",
                  R"({ "development": { "dialect": "sqlite", "storage": ")" + k_db + R"(" } })");
    add_table_unit("20240101000001", "create-t", "t");
    add_table_unit("20240101000002", "create-u", "u");
  }
  // A database as sequelize-cli leaves it after running the first unit's JavaScript twin: a
  // SequelizeMeta row named `20240101000001-create-t.js` (written here by forge, which records a
  // unit with a twin under the twin's name).
  void migrated_by_sequelize() {
    project.write("migrations/20240101000001-create-t.js", "module.exports = {};\n");
    ASSERT_EQ(
        project.forge({"db:migrate", "--to", "20240101000001", "--meta-table", "SequelizeMeta"})
            .exit_code,
        0);
    ASSERT_THAT(db().applied("SequelizeMeta"), ElementsAre("20240101000001-create-t.js"));
  }
};

TEST_F(SequelizeProject, AFreshDatabaseGetsSequelizeMeta) {
  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied("SequelizeMeta"),
              ElementsAre("20240101000001-create-t", "20240101000002-create-u"));
  EXPECT_FALSE(db().has_table("ForgeMeta"));
}

TEST_F(SequelizeProject, WhatSequelizeCliRanCountsAsApplied) {
  migrated_by_sequelize();

  const auto status = project.forge({"db:migrate:status"});
  const auto migrate = project.forge({"db:migrate"});

  EXPECT_THAT(status.out, HasSubstr("up 20240101000001-create-t")) << status;
  EXPECT_THAT(status.out, HasSubstr("down 20240101000002-create-u")) << status;
  ASSERT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, Not(HasSubstr("20240101000001-create-t"))) << migrate;
  EXPECT_TRUE(db().has_table("u"));
}

TEST_F(SequelizeProject, AnEarlierForgesTableAloneIsKept) {
  ASSERT_EQ(project.forge({"db:migrate", "--to", "20240101000001", "--meta-table", "ForgeMeta"})
                .exit_code,
            0);

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied("ForgeMeta"),
              ElementsAre("20240101000001-create-t", "20240101000002-create-u"));
  EXPECT_FALSE(db().has_table("SequelizeMeta"));
}

TEST_F(SequelizeProject, BothTablesAndNoNameIsAnErrorThatSaysWhichToName) {
  migrated_by_sequelize();
  ASSERT_EQ(
      project.forge({"db:migrate:baseline", "--to", "20240101000001", "--meta-table", "ForgeMeta"})
          .exit_code,
      0);

  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("both ForgeMeta (forge's history) and SequelizeMeta"))
      << result;
  EXPECT_THAT(result.err, HasSubstr("--meta-table SequelizeMeta")) << result;
  EXPECT_FALSE(db().has_table("u"));
  const auto named = project.forge({"db:migrate", "--meta-table", "SequelizeMeta"});
  EXPECT_EQ(named.exit_code, 0) << named;
}

// Outside a Sequelize project forge keeps ForgeMeta, and says that a SequelizeMeta goes unread.
TEST_F(SequelizeProject, ElsewhereASequelizeMetaBesideForgeMetaIsMentioned) {
  migrated_by_sequelize();
  project.remove("config/config.json");

  const auto result = forge_db({"db:migrate:status"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("pass --meta-table SequelizeMeta")) << result;
}

// sequelize-cli counts every SequelizeMeta row as applied: a unit forge left part-way is kept in
// a companion table until it completes.
TEST_F(SequelizeProject, AUnitLeftPartWayNeverLooksAppliedToSequelizeCli) {
  project.write("migrations/20240101000003-part-way.sql",
                "-- forge:up transaction:false\nCREATE TABLE v (id INTEGER);\n"
                "INSERT INTO nosuch VALUES (1);\n-- forge:down\nDROP TABLE v;\n");

  const auto failed = project.forge({"db:migrate"});

  ASSERT_EQ(failed.exit_code, 1) << failed;
  EXPECT_THAT(db().applied("SequelizeMeta"),
              ElementsAre("20240101000001-create-t", "20240101000002-create-u"));
  EXPECT_THAT(db().rows("SequelizeMeta_forge_progress"), HasSubstr("20240101000003-part-way"));
  const auto status = project.forge({"db:migrate:status"});
  EXPECT_THAT(status.out, HasSubstr("failed 20240101000003-part-way")) << status;

  project.write("migrations/20240101000003-part-way.sql",
                "-- forge:up transaction:false\nCREATE TABLE v (id INTEGER);\n"
                "CREATE TABLE nosuch (id INTEGER);\n-- forge:down\nDROP TABLE v;\n");
  const auto resumed = project.forge({"db:migrate"});

  ASSERT_EQ(resumed.exit_code, 0) << resumed;
  EXPECT_THAT(
      db().applied("SequelizeMeta"),
      ElementsAre("20240101000001-create-t", "20240101000002-create-u", "20240101000003-part-way"));
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM SequelizeMeta_forge_progress"), "0");
}

TEST_F(SequelizeProject, InitWritesNothingThatShadowsTheSequelizeConfig) {
  const auto result = project.forge({"init"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("this is a Sequelize project (config/config.json)")) << result;
  EXPECT_FALSE(project.exists("forge.json"));
  EXPECT_FALSE(project.exists("seeders"));
}

}  // namespace
}  // namespace forge::e2e
