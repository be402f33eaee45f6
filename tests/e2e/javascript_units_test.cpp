// sequelize-cli's JavaScript migrations run as they are: Node loads the module with forge's
// runner, and each queryInterface call is carried out by forge inside the unit's transaction.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const EnvChanges k_no_node = {{"FORGE_NODE", std::string("/nonexistent/node")}};

// A migration in the style sequelize-cli's generator writes.
std::string migration(const std::string& up, const std::string& down) {
  return "'use strict';\n"
         "/** @type {import('sequelize-cli').Migration} */\n"
         "module.exports = {\n"
         "  async up (queryInterface, Sequelize) {\n" +
         up +
         "  },\n"
         "  async down (queryInterface, Sequelize) {\n" +
         down + "  }\n};\n";
}

const std::string k_create_users =
    "    await queryInterface.createTable('Users', {\n"
    "      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: "
    "Sequelize.INTEGER },\n"
    "      email: { type: Sequelize.STRING(100), allowNull: false },\n"
    "      active: { type: Sequelize.BOOLEAN, defaultValue: true },\n"
    "      createdAt: { allowNull: false, type: Sequelize.DATE },\n"
    "      updatedAt: { allowNull: false, type: Sequelize.DATE }\n"
    "    });\n"
    "    await queryInterface.addIndex('Users', ['email'], { unique: true });\n";

class JavaScriptUnits : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/20240101000001-create-users.js",
                  migration(k_create_users, "    await queryInterface.dropTable('Users');\n"));
  }
  std::vector<std::string> status_lines() const {
    return lines_of(forge_db({"db:migrate:status"}).out);
  }
};

TEST_F(JavaScriptUnits, AMigrationRunsAndIsRecordedUnderItsFileName) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== 20240101000001-create-users: migrated")) << result;
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-create-users.js"));
  EXPECT_THAT(db().scalar("SELECT group_concat(name, ',') FROM pragma_table_info('Users')"),
              "id,email,active,createdAt,updatedAt");
  EXPECT_EQ(db().scalar("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                        "tbl_name = 'Users' AND sql LIKE '%UNIQUE%'"),
            "users_email");
  EXPECT_THAT(status_lines(), ElementsAre("up 20240101000001-create-users.js"));
}

TEST_F(JavaScriptUnits, UndoRunsTheDown) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(db().has_table("Users"));
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(JavaScriptUnits, AQueryGivesTheMigrationRealRows) {
  project.write(
      "migrations/20240101000002-copy-names.js",
      migration("    await queryInterface.bulkInsert('Users', [\n"
                "      { email: 'a@example.org', createdAt: new Date(), updatedAt: new Date() },\n"
                "      { email: \"o'b@example.org\", createdAt: new Date(), updatedAt: new Date() "
                "}]);\n"
                "    const [rows] = await queryInterface.sequelize.query(\n"
                "      'SELECT id, email FROM \"Users\" WHERE email LIKE ? ORDER BY id',\n"
                "      { replacements: ['%example.org'] });\n"
                "    const ids = rows.map((row) => row.id * 10).join('-');\n"
                "    await queryInterface.bulkUpdate('Users', { email: ids }, { id: rows[1].id "
                "});\n",
                "    await queryInterface.bulkDelete('Users', null, {});\n"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT group_concat(email, ',') FROM (SELECT email FROM Users ORDER BY "
                        "id)"),
            "a@example.org,10-20");
}

TEST_F(JavaScriptUnits, AnUnsupportedCallFailsTheUnitWithItsNameAndLineAndRollsItBack) {
  project.write("migrations/20240101000002-functions.js",
                migration("    await queryInterface.addColumn('Users', 'nick', Sequelize.STRING);\n"
                          "    await queryInterface.createFunction('f', [], 'integer');\n",
                          ""));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000002-functions.js:6")) << result;
  EXPECT_THAT(result.err, HasSubstr("createFunction is not supported")) << result;
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-create-users.js"));
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pragma_table_info('Users') WHERE name = 'nick'"),
            "0");
}

TEST_F(JavaScriptUnits, AnErrorTheMigrationThrowsNamesItsLine) {
  project.write("migrations/20240101000002-throws.js",
                migration("    await queryInterface.addColumn('Users', 'nick', Sequelize.STRING);\n"
                          "    throw new Error('no such luck');\n",
                          ""));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-throws.js:6")) << result;
  EXPECT_THAT(result.err, HasSubstr("no such luck")) << result;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pragma_table_info('Users') WHERE name = 'nick'"),
            "0");
}

TEST_F(JavaScriptUnits, AFailingStatementNamesTheCallsLine) {
  project.write("migrations/20240101000002-bad-sql.js",
                migration("    await queryInterface.sequelize.query('SELEC 1');\n", ""));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-bad-sql.js:5")) << result;
  EXPECT_THAT(result.err, HasSubstr("syntax error")) << result;
}

TEST_F(JavaScriptUnits, WithoutNodeNothingRunsAndTheErrorSaysHowToProceed) {
  add_table_unit("20240101000000", "create-first", "first");

  const auto result = forge_db({"db:migrate"}, k_no_node);

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000001-create-users.js")) << result;
  EXPECT_THAT(result.err, HasSubstr("Node.js was not found")) << result;
  EXPECT_THAT(result.err, HasSubstr("--node")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("missing file"))) << result;
  EXPECT_FALSE(db().has_table("first")) << "a plan with a unit that cannot run runs nothing";
}

TEST_F(JavaScriptUnits, StatusNeedsNoNode) {
  const auto result = forge_db({"db:migrate:status"}, k_no_node);

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(lines_of(result.out), ElementsAre("down 20240101000001-create-users.js"));
}

TEST_F(JavaScriptUnits, DryRunPrintsTheSqlAndChangesNothing) {
  const auto result = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("-- migrations/20240101000001-create-users.js:5\nCREATE TABLE "
                                    "\"Users\""))
      << result;
  EXPECT_THAT(result.out, HasSubstr("CREATE UNIQUE INDEX \"users_email\" ON \"Users\" (\"email\")"))
      << result;
  EXPECT_FALSE(project.exists(k_db)) << "a dry run creates nothing";
}

TEST_F(JavaScriptUnits, WhatTheMigrationPrintsStaysOffStandardOutput) {
  project.write("migrations/20240101000002-chatty.js",
                migration("    console.log('hello from the migration');\n", ""));

  const auto result = forge_db({"db:migrate", "--json"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("hello from the migration")));
  EXPECT_THAT(result.err, HasSubstr("hello from the migration"));
}

TEST_F(JavaScriptUnits, AChangedFileIsSeenThroughItsChecksum) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  project.write("migrations/20240101000001-create-users.js",
                migration(k_create_users + "    // changed\n",
                          "    await queryInterface.dropTable('Users');\n"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000001-create-users")) << result;
}

TEST_F(JavaScriptUnits, ConvertWritesADeclarativeTwinThatRunsWithoutNode) {
  const auto converted =
      forge_db({"migration:convert", "migrations/20240101000001-create-users.js"});

  ASSERT_EQ(converted.exit_code, 0) << converted;
  EXPECT_THAT(converted.out, HasSubstr("migrations/20240101000001-create-users.json"));
  ASSERT_TRUE(project.exists("migrations/20240101000001-create-users.json"));

  const auto migrated = forge_db({"db:migrate"}, k_no_node);

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ElementsAre("20240101000001-create-users.js"));
  EXPECT_EQ(db().scalar("SELECT group_concat(name, ',') FROM pragma_table_info('Users')"),
            "id,email,active,createdAt,updatedAt");
  ASSERT_EQ(forge_db({"db:migrate:undo"}, k_no_node).exit_code, 0);
  EXPECT_FALSE(db().has_table("Users"));
}

TEST_F(JavaScriptUnits, ConvertRefusesAUnitThatReadsDataAndWritesNothing) {
  project.write("migrations/20240101000002-reads.js",
                migration("    const [rows] = await queryInterface.sequelize.query('SELECT 1 AS "
                          "one');\n",
                          ""));

  const auto result = forge_db({"migration:convert", "migrations/20240101000002-reads.js"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-reads.js:5: query reads data")) << result;
  EXPECT_FALSE(project.exists("migrations/20240101000002-reads.json"));
}

}  // namespace
}  // namespace forge::e2e
