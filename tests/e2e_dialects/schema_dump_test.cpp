// db:schema:dump and db:schema:load on every dialect: the dump is deterministic, the same for
// two databases built the same way, leaves the history out, and loads back into an empty
// database as a fixed point (dump, load, dump: the same text).
#include "dialect_test.hpp"
#include "test_database.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view k_tables = R"yaml(up:
  - createTable:
      table: authors
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        email: { type: STRING(120), allowNull: false, unique: true }
        status: { type: "ENUM('active', 'gone')", defaultValue: active }
        joined: { type: DATE, defaultValue: NOW }
  - createTable:
      table: books
      columns:
        id: { type: BIGINT, primaryKey: true, autoIncrement: true }
        author_id: { type: INTEGER, references: { table: authors, column: id }, onDelete: CASCADE }
        title: { type: STRING(200), allowNull: false }
        price: { type: 'DECIMAL(10,2)', defaultValue: 0 }
      constraints:
        - { type: check, name: books_price_positive, where: { price: { gte: 0 } } }
  - addIndex: { table: books, fields: [author_id, title], name: books_author_title }
  - sql: CREATE VIEW book_titles AS SELECT id, title FROM books
down:
  - sql: DROP VIEW book_titles
  - dropTable: { table: books }
  - dropTable: { table: authors }
)yaml";

class SchemaDump : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    project.write("migrations/20240101000000-library.yaml", k_tables);
  }
  ProcessResult dump(const std::string& database_url, const std::string& format = "sql") const {
    return project.forge({"db:schema:dump", "--format", format, "--url", database_url});
  }
};

TEST_P(SchemaDump, IsTheSameTextTwiceAndForTwoDatabasesBuiltTheSameWay) {
  const forge::testing::TestDatabase twin{GetParam()};
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(project.forge({"db:migrate", "--url", twin.url()}).exit_code, 0);

  for (const std::string format : {"sql", "yaml"}) {
    const auto first = dump(url(), format);
    ASSERT_EQ(first.exit_code, 0) << first;
    EXPECT_EQ(dump(url(), format).out, first.out) << format;
    EXPECT_EQ(dump(twin.url(), format).out, first.out) << format;
    EXPECT_THAT(first.out, HasSubstr("books_author_title")) << first;
    EXPECT_THAT(first.out, HasSubstr("book_titles")) << first;
    EXPECT_THAT(first.out, Not(HasSubstr("ForgeMeta"))) << "the history is no part of the schema";
  }
}

TEST_P(SchemaDump, LoadsBackIntoAnEmptyDatabaseAsAFixedPoint) {
  const forge::testing::TestDatabase empty{GetParam()};
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const auto dumped = project.forge(
      {"db:schema:dump", "--out", project.path("schema.sql").string(), "--url", url()});
  ASSERT_EQ(dumped.exit_code, 0) << dumped;

  const auto loaded = project.forge({"db:schema:load", "schema.sql", "--url", empty.url()});

  ASSERT_EQ(loaded.exit_code, 0) << loaded;
  EXPECT_EQ(dump(empty.url()).out, project.read("schema.sql"));
  EXPECT_EQ(CatalogProbe(empty.url()).schema(), db().schema());
}

TEST_P(SchemaDump, LoadRefusesADatabaseThatHasTablesAndChangesNothing) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  project.write("schema.sql", "CREATE TABLE extra (id INTEGER);\n");
  const auto before = db().schema();

  const auto loaded = forge_db({"db:schema:load", "schema.sql"});

  EXPECT_EQ(loaded.exit_code, 2) << loaded;
  EXPECT_THAT(loaded.err, HasSubstr("the database is not empty")) << loaded;
  EXPECT_EQ(db().schema(), before);
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SchemaDump, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
