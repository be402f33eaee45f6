// A Sequelize project's configuration as sequelize-cli reads it: `.sequelizerc` (through Node,
// or in its literal forms without Node) and `config/config.js` (through Node).
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

const EnvChanges k_no_node = {{"FORGE_NODE", std::string("/nonexistent/node")}};

class SequelizeConfig : public ForgeTest {
 protected:
  // The project of sequelize's documentation: config and migrations where .sequelizerc says.
  void SetUp() override {
    ForgeTest::SetUp();
    project.write("config/database.json",
                  R"({ "development": { "dialect": "sqlite", "storage": "db/app.sqlite3" } })");
    project.write("db/migrate/20240101000001-create-t.sql",
                  "-- forge:up\nCREATE TABLE t (id INTEGER);\n-- forge:down\nDROP TABLE t;\n");
  }
  bool migrated() const {
    return project.exists("db/app.sqlite3") &&
           SqliteProbe(project.path("db/app.sqlite3")).has_table("t");
  }
};

const char* k_literal_rc = R"('use strict';
const path = require('path');
module.exports = {
  'config': path.resolve('config', 'database.json'),
  'migrations-path': path.resolve('db', 'migrate'),
};
)";

TEST_F(SequelizeConfig, ALiteralSequelizercIsReadWithNode) {
  project.write(".sequelizerc", k_literal_rc);

  const auto result = project.forge({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated());
}

TEST_F(SequelizeConfig, ALiteralSequelizercIsReadWithoutNode) {
  project.write(".sequelizerc", k_literal_rc);

  const auto result = project.forge({"db:migrate"}, k_no_node);

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(migrated());
}

TEST_F(SequelizeConfig, AComputedSequelizercNeedsNode) {
  project.write(".sequelizerc",
                "const path = require('path');\nconst base = process.env.APP_DB || 'db';\n"
                "module.exports = { config: path.resolve('config', 'database.json'),\n"
                "  'migrations-path': path.resolve(base, 'migrate') };\n");

  const auto with_node = project.forge({"db:migrate"});
  const auto without = project.forge({"db:migrate:status"}, k_no_node);

  ASSERT_EQ(with_node.exit_code, 0) << with_node;
  EXPECT_TRUE(migrated());
  EXPECT_EQ(without.exit_code, 2) << without;
  EXPECT_THAT(without.err, HasSubstr(".sequelizerc computes its options in JavaScript, and no "
                                     "Node was found"))
      << without;
}

TEST_F(SequelizeConfig, ConfigJsIsReadThroughNode) {
  project.remove("config/database.json");
  project.write("config/config.js",
                "module.exports = { development: { dialect: 'sqlite',\n"
                "  storage: process.env.APP_FILE || 'db/app.sqlite3' } };\n");
  project.write(".forgerc", R"({ "migrations-path": "db/migrate" })");

  const auto with_node = project.forge({"db:migrate"});
  const auto without = project.forge({"db:migrate:status"}, k_no_node);

  ASSERT_EQ(with_node.exit_code, 0) << with_node;
  EXPECT_TRUE(migrated());
  EXPECT_EQ(without.exit_code, 2) << without;
  EXPECT_THAT(without.err, HasSubstr("config/config.js is JavaScript, and no Node was found"))
      << without;
}

TEST_F(SequelizeConfig, AConfigJsThatThrowsIsAnErrorWithNodesWords) {
  project.write("config/config.js", "throw new Error('no database configured here');\n");

  const auto result = project.forge({"db:migrate:status", "--config", "config/config.js"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("config/config.js: Node could not run it")) << result;
  EXPECT_THAT(result.err, HasSubstr("no database configured here")) << result;
}

}  // namespace
}  // namespace forge::e2e
