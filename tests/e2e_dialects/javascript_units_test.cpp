// sequelize-cli's JavaScript migrations on every dialect: forge runs them through Node, inside
// its transaction where the database has one for DDL, and records them under their file names.
#include <filesystem>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

std::string migration(const std::string& up, const std::string& down) {
  return "'use strict';\nmodule.exports = {\n  async up (queryInterface, Sequelize) {\n" + up +
         "  },\n  async down (queryInterface, Sequelize) {\n" + down + "  }\n};\n";
}

class JavaScriptUnits : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    project.write(
        "migrations/20240101000001-create-posts.js",
        migration("    await queryInterface.createTable('posts', {\n"
                  "      id: { allowNull: false, autoIncrement: true, primaryKey: true, type: "
                  "Sequelize.INTEGER },\n"
                  "      title: { type: Sequelize.STRING(100), allowNull: false },\n"
                  "      views: { type: Sequelize.INTEGER, defaultValue: 0 },\n"
                  "      createdAt: { allowNull: false, type: Sequelize.DATE }\n"
                  "    });\n"
                  "    await queryInterface.bulkInsert('posts', [\n"
                  "      { title: 'first', views: 3, createdAt: new Date() },\n"
                  "      { title: \"it's\", views: 4, createdAt: new Date() }]);\n"
                  "    const rows = await queryInterface.sequelize.query(\n"
                  "      'SELECT SUM(views) AS total FROM posts', { type: "
                  "Sequelize.QueryTypes.SELECT });\n"
                  "    await queryInterface.bulkInsert('posts', [\n"
                  "      { title: 'sum ' + Number(rows[0].total), createdAt: new Date() }]);\n",
                  "    await queryInterface.dropTable('posts');\n"));
  }
};

TEST_P(JavaScriptUnits, AMigrationThatReadsDataRunsAndUndoes) {
  const auto migrated = forge_db({"db:migrate"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(db().scalar("SELECT title FROM posts WHERE title LIKE 'sum%'"), "sum 7");
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM posts"), "3");
  const auto status = forge_db({"db:migrate:status"});
  EXPECT_THAT(status.out, HasSubstr("up 20240101000001-create-posts.js")) << status;

  const auto undone = forge_db({"db:migrate:undo"});

  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("posts"));
}

TEST_P(JavaScriptUnits, AFailureAfterWritesLeavesNothingOrResumesAfterWhatTookEffect) {
  const std::string half = "migrations/20240101000002-half.js";
  const auto write_half = [&](const std::string& query) {
    project.write(half,
                  migration("    await queryInterface.addColumn('posts', 'body', Sequelize.TEXT);\n"
                            "    await queryInterface.sequelize.query('" +
                                query + "');\n",
                            ""));
  };
  write_half("SELEC 1");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-half.js:5")) << result;
  if (dialect() == "mysql") {
    // MySQL committed the ADD COLUMN: the row records it, and the fixed unit resumes after it.
    EXPECT_TRUE(db().has_column("posts", "body"));
    EXPECT_EQ(db().state("20240101000002-half.js"), "failed");
    EXPECT_THAT(result.err, HasSubstr("statement 1 (line 4) of " + half +
                                      " had already taken "
                                      "effect and stay; the unit is recorded as failed"))
        << result;
  } else {
    EXPECT_FALSE(db().has_column("posts", "body"));
  }

  write_half("SELECT 1");
  const auto fixed = forge_db({"db:migrate", "--verbose"});

  ASSERT_EQ(fixed.exit_code, 0) << fixed;
  EXPECT_TRUE(db().has_column("posts", "body"));
  EXPECT_EQ(db().state("20240101000002-half.js"), "applied");
  if (dialect() == "mysql") {
    EXPECT_THAT(fixed.err, HasSubstr("took effect on an earlier run; not sending it again"))
        << fixed;
  }
}

// Killed between two of its statements, a JavaScript unit is taken up again by the next run:
// where DDL rolls back nothing of it stayed; on MySQL the statements that took effect are not
// sent again, whatever their kind, and the ones after them are.
TEST_P(JavaScriptUnits, AUnitKilledPartWayRunsEachStatementExactlyOnce) {
  project.write("pause", "");
  project.write(
      "migrations/20240101000002-steps.js",
      migration("    const fs = require('fs');\n"
                "    const path = require('path');\n"
                "    await queryInterface.createTable('steps', { n: Sequelize.INTEGER });\n"
                "    await queryInterface.bulkInsert('steps', [{ n: 1 }]);\n"
                "    await queryInterface.addColumn('steps', 'note', Sequelize.STRING(20));\n"
                "    const seen = await queryInterface.sequelize.query(\n"
                "      'SELECT COUNT(*) AS c FROM steps', { type: Sequelize.QueryTypes.SELECT });\n"
                "    if (fs.existsSync(path.join(__dirname, '..', 'pause'))) {\n"
                "      fs.writeFileSync(path.join(__dirname, '..', 'reached'), '');\n"
                "      await new Promise((resolve) => setTimeout(resolve, 60000));\n"
                "    }\n"
                "    await queryInterface.bulkInsert('steps', [{ n: 1 + Number(seen[0].c) }]);\n",
                "    await queryInterface.dropTable('steps');\n"));
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(eventually([&] { return fs::exists(project.path("reached")); }, 30s));
  running.reset();  // SIGKILL
  fs::remove(project.path("pause"));

  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "20"});

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(db().count("steps WHERE n = 1"), 1);
  EXPECT_EQ(db().count("steps WHERE n = 2"), 1);
  EXPECT_EQ(db().count("steps"), 2);
  EXPECT_TRUE(db().has_column("steps", "note"));
  EXPECT_EQ(db().state("20240101000002-steps.js"), "applied");
}

// The calls that read the catalog and upsert answer as sequelize's do; the module checks what it
// gets and throws (failing the unit) when an answer is wrong.
TEST_P(JavaScriptUnits, CatalogCallsAndUpsertAnswerAsSequelizes) {
  const std::string up = R"js(
    const tables = await queryInterface.showAllTables();
    if (!tables.includes('posts') || tables.some((t) => /forge/i.test(t)))
      throw new Error('showAllTables: ' + tables);
    const posts = await queryInterface.describeTable('posts');
    if (posts.title.allowNull !== false || !/VAR/.test(posts.title.type) ||
        posts.views.allowNull !== true)
      throw new Error('describeTable: ' + JSON.stringify(posts));
    if (!(await queryInterface.tableExists('posts'))) throw new Error('tableExists');
    const row = { id: 1, title: 'upserted', createdAt: new Date() };
    await queryInterface.upsert('posts', row, { title: 'upserted' }, { id: 1 }, {});
    const title = await queryInterface.rawSelect('posts', { where: { id: 1 } }, 'title');
    if (title !== 'upserted') throw new Error('upsert: ' + title);
    const some = await queryInterface.select(null, 'posts',
      { where: { views: [4, 5] }, order: [['id', 'ASC']] });
    if (some.length !== 1 || some[0].views !== 4) throw new Error('select: ' + JSON.stringify(some));
)js";
  project.write("migrations/20240101000002-inspect.js", migration(up, ""));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT title FROM posts WHERE id = 1"), "upserted");
}

// removeConstraint takes each kind of constraint away again (MySQL drops a unique key with DROP
// INDEX and a foreign key with DROP FOREIGN KEY: its DROP CONSTRAINT is for CHECK only).
TEST_P(JavaScriptUnits, ConstraintsAddedAreRemovedAgainWhateverTheirKind) {
  const std::string up = R"js(
    await queryInterface.createTable('tags', {
      id: { type: Sequelize.INTEGER, autoIncrement: true, primaryKey: true },
      postId: { type: Sequelize.INTEGER, allowNull: false },
      label: { type: Sequelize.STRING(40), allowNull: false },
      hits: { type: Sequelize.INTEGER.UNSIGNED, defaultValue: 0 }
    });
    await queryInterface.addConstraint('tags', { fields: ['label'], type: 'unique' });
    await queryInterface.addConstraint('tags', { fields: ['postId'], type: 'foreign key',
      references: { table: 'posts', field: 'id' }, onDelete: 'cascade' });
)js";
  const std::string down = R"js(
    await queryInterface.removeConstraint('tags', 'tags_postId_posts_fk');
    await queryInterface.removeConstraint('tags', 'tags_label_uk');
    await queryInterface.dropTable('tags');
)js";
  project.write("migrations/20240101000002-tags.js", migration(up, down));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  if (dialect() == "mysql") {
    EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                          "DATABASE() AND TABLE_NAME = 'tags' AND COLUMN_NAME = 'hits' AND "
                          "COLUMN_TYPE LIKE '%unsigned'"),
              "1");
  }

  const auto undone = forge_db({"db:migrate:undo"});

  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("tags"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, JavaScriptUnits, k_all_dialects, dialect_name);

// PostgreSQL refuses CREATE INDEX CONCURRENTLY in a transaction block: such a unit runs
// outside forge's transaction, as a SQL unit with that statement does.
class PostgresJavaScriptUnits : public JavaScriptUnits {};

TEST_P(PostgresJavaScriptUnits, AConcurrentIndexIsBuiltOutsideTheTransaction) {
  project.write("migrations/20240101000002-index.js",
                migration("    await queryInterface.addIndex('posts', ['title'], { concurrently: "
                          "true });\n",
                          "    await queryInterface.removeIndex('posts', ['title']);\n"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'posts_title'"), "1");
  ASSERT_EQ(forge_db({"db:migrate:undo"}).exit_code, 0);
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'posts_title'"), "0");
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresJavaScriptUnits, ::testing::Values("postgres"),
                         dialect_name);

// Where DDL commits on its own, a JavaScript unit can stop part-way.
class MysqlJavaScriptUnits : public JavaScriptUnits {};

// A unit whose statements differ on the rerun (a time in them) cannot be resumed: forge stops
// and says what to check, sending nothing.
TEST_P(MysqlJavaScriptUnits, AResumedUnitThatSendsOtherStatementsIsRefused) {
  const std::string half = "migrations/20240101000002-half.js";
  project.write(half, migration("    await queryInterface.addColumn('posts', 'body', "
                                "Sequelize.TEXT);\n"
                                "    await queryInterface.sequelize.query('SELEC 1');\n",
                                ""));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 1);
  project.write(half, migration("    await queryInterface.addColumn('posts', 'summary', "
                                "Sequelize.TEXT);\n"
                                "    await queryInterface.sequelize.query('SELECT 1');\n",
                                ""));

  const auto rerun = forge_db({"db:migrate"});

  EXPECT_EQ(rerun.exit_code, 5) << rerun;
  EXPECT_THAT(rerun.err, HasSubstr("it sends now is not the one the earlier run sent")) << rerun;
  EXPECT_THAT(rerun.err, HasSubstr("db:migrate:resolve")) << rerun;
  EXPECT_FALSE(db().has_column("posts", "summary"));
}

INSTANTIATE_TEST_SUITE_P(Mysql, MysqlJavaScriptUnits, ::testing::Values("mysql"), dialect_name);

}  // namespace
}  // namespace forge::e2e
