// sequelize-cli's JavaScript migrations on every dialect: forge runs them through Node, inside
// its transaction where the database has one for DDL, and records them under their file names.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

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

TEST_P(JavaScriptUnits, AFailureAfterWritesLeavesNothingWhereDdlRollsBackAndAsksOtherwise) {
  project.write("migrations/20240101000002-half.js",
                migration("    await queryInterface.addColumn('posts', 'body', Sequelize.TEXT);\n"
                          "    await queryInterface.sequelize.query('SELEC 1');\n",
                          ""));

  const auto result = forge_db({"db:migrate"});

  EXPECT_THAT(result.err, HasSubstr("20240101000002-half.js:5")) << result;
  if (dialect() == "mysql") {
    // MySQL committed the ADD COLUMN: a rerun must not repeat it; a person settles the unit.
    EXPECT_EQ(result.exit_code, 5) << result;
    EXPECT_TRUE(db().has_column("posts", "body"));
    const auto again = forge_db({"db:migrate"});
    EXPECT_EQ(again.exit_code, 5) << again;
    EXPECT_THAT(again.err, HasSubstr("db:migrate:resolve")) << again;
  } else {
    EXPECT_EQ(result.exit_code, 1) << result;
    EXPECT_FALSE(db().has_column("posts", "body"));
  }
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

}  // namespace
}  // namespace forge::e2e
