// migration:generate --from-schema on every dialect (issue 14): a desired schema dumped as YAML
// from a database changed by hand; the generated unit makes it (diff empty after migrate), and
// its down returns to the earlier dump.
#include "dialect_test.hpp"
#include "items_unit.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

class GenerateFromSchemaOnDialects : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    project.write(k_items_unit_file, k_items_unit);
  }
  std::string drop_index(const std::string& index) const {
    return "DROP INDEX " + index + (dialect() == "mysql" ? " ON items" : "");
  }
  void expect_same(const std::string& file) const {
    const auto diff = forge_db({"db:schema:diff", url(), file});
    EXPECT_EQ(diff.exit_code, 0) << diff;
    EXPECT_THAT(diff.out, HasSubstr("The schemas are the same.")) << diff;
  }
};

TEST_P(GenerateFromSchemaOnDialects, GenerateMigrateDiffIsEmptyAndUndoReturns) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "before.yaml"}).exit_code, 0);
  // The desired schema: made by hand, dumped, then taken back by hand.
  db().execute("ALTER TABLE items ADD COLUMN note VARCHAR(30) DEFAULT 'n'");
  db().execute("CREATE INDEX items_note ON items (note)");
  db().execute("ALTER TABLE items DROP COLUMN qty");
  db().execute("CREATE TABLE tags (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL)");
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "want.yaml"}).exit_code, 0);
  db().execute("DROP TABLE tags");
  db().execute("ALTER TABLE items ADD COLUMN qty INTEGER");
  db().execute(drop_index("items_note"));
  db().execute("ALTER TABLE items DROP COLUMN note");
  expect_same("before.yaml");

  const auto generate =
      forge_db({"migration:generate", "--name", "to-want", "--from-schema", "want.yaml"});
  ASSERT_EQ(generate.exit_code, 0) << generate;
  std::string path = generate.out.substr(0, generate.out.find('\n'));
  EXPECT_THAT(generate.err,
              HasSubstr("warning: " + path + ": destructive: drops column items.qty and its data"));
  const std::string unit = project.read(path);

  const auto migrate = forge_db({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate << unit;
  expect_same("want.yaml");
  if (HasFailure()) std::cerr << unit;

  const auto undo = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo << unit;
  expect_same("before.yaml");
}

TEST_P(GenerateFromSchemaOnDialects, RenamesAForeignKeyAndAViewRoundTrip) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "before.yaml"}).exit_code, 0);
  db().execute("ALTER TABLE items RENAME TO goods");
  db().execute("ALTER TABLE goods RENAME COLUMN qty TO amount");
  db().execute(
      "CREATE TABLE owners (id INTEGER PRIMARY KEY, good_id INTEGER, CONSTRAINT owners_good "
      "FOREIGN KEY (good_id) REFERENCES goods (id) ON DELETE CASCADE)");
  db().execute("CREATE UNIQUE INDEX goods_name ON goods (name)");
  db().execute("CREATE VIEW big_goods AS SELECT id, name FROM goods WHERE amount > 10");
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "want.yaml"}).exit_code, 0);
  db().execute("DROP VIEW big_goods");
  db().execute(dialect() == "mysql" ? "DROP INDEX goods_name ON goods" : "DROP INDEX goods_name");
  db().execute("DROP TABLE owners");
  db().execute("ALTER TABLE goods RENAME COLUMN amount TO qty");
  db().execute("ALTER TABLE goods RENAME TO items");
  expect_same("before.yaml");

  const auto generate =
      forge_db({"migration:generate", "--name", "renames", "--from-schema", "want.yaml", "--rename",
                "items=goods", "--rename", "goods.qty=goods.amount"});
  ASSERT_EQ(generate.exit_code, 0) << generate;
  EXPECT_THAT(generate.err, ::testing::Not(HasSubstr("destructive"))) << generate;
  const std::string unit = project.read(generate.out.substr(0, generate.out.find('\n')));
  EXPECT_THAT(unit, HasSubstr("  - renameTable: { from: \"items\", to: \"goods\" }\n"
                              "  - renameColumn: { table: \"goods\", from: \"qty\", to: "
                              "\"amount\" }\n"));
  EXPECT_THAT(unit, HasSubstr("type: \"foreign key\""));
  EXPECT_THAT(unit, HasSubstr("big_goods"));
  EXPECT_THAT(unit, ::testing::Not(HasSubstr("dropTable: { table: \"items\"")));

  const auto migrate = forge_db({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate << unit;
  expect_same("want.yaml");
  const auto undo = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo << unit;
  expect_same("before.yaml");
  if (HasFailure()) std::cerr << unit;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, GenerateFromSchemaOnDialects, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
