// migration:generate --from-schema on every dialect (issue 14): a desired schema dumped as YAML
// from a database changed by hand; the generated unit makes it (diff empty after migrate), and
// its down returns to the earlier dump.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dialect_test.hpp"
#include "items_unit.hpp"
#include "rich_postgres_schema.hpp"
#include "test_database.hpp"

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
  // The generated unit takes the database to want.yaml, and its down back to before.yaml.
  void expect_round_trip(const std::string& unit) const {
    const auto migrate = forge_db({"db:migrate"});
    ASSERT_EQ(migrate.exit_code, 0) << migrate << unit;
    expect_same("want.yaml");
    const auto undo = forge_db({"db:migrate:undo"});
    ASSERT_EQ(undo.exit_code, 0) << undo << unit;
    expect_same("before.yaml");
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

  expect_round_trip(unit);
  if (HasFailure()) std::cerr << unit;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, GenerateFromSchemaOnDialects, k_all_dialects, dialect_name);

const char* const k_tags_unit = R"yaml(up:
  - createTable:
      table: tags
      columns:
        code: { type: STRING(10), primaryKey: true }
        label: { type: STRING(20), allowNull: false }
down:
  - dropTable: { table: tags }
)yaml";

// What only the servers have: a primary key changed; on PostgreSQL an enum column (and later
// labels added to the enum), a function and the trigger that calls it; on MySQL a trigger.
using GenerateServerObjects = GenerateFromSchemaOnDialects;

TEST_P(GenerateServerObjects, AChangedKeyTypesFunctionsAndTriggersRoundTrip) {
  project.write("migrations/20240102000000-tags.yaml", k_tags_unit);
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "before.yaml"}).exit_code, 0);
  const bool pg = dialect() == "postgres";
  const std::vector<std::string> make =
      pg ? std::vector<std::string>{"CREATE TYPE mood AS ENUM ('sad', 'ok')",
                                    "ALTER TABLE items ADD COLUMN mood mood DEFAULT 'ok'",
                                    "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$BEGIN NEW.qty := coalesce(NEW.qty, 0); RETURN NEW; END$$",
                                    "CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH "
                                    "ROW EXECUTE FUNCTION touch()",
                                    "ALTER TABLE tags DROP CONSTRAINT tags_pkey, ADD CONSTRAINT "
                                    "tags_pkey PRIMARY KEY (code, label)"}
         : std::vector<std::string>{
               "CREATE TRIGGER items_touch BEFORE INSERT ON items FOR EACH "
               "ROW SET NEW.qty = COALESCE(NEW.qty, 0)",
               "ALTER TABLE tags DROP PRIMARY KEY, ADD PRIMARY KEY (code, "
               "label)"};
  const std::vector<std::string> unmake =
      pg ? std::vector<std::string>{"ALTER TABLE tags DROP CONSTRAINT tags_pkey, ADD CONSTRAINT "
                                    "tags_pkey PRIMARY KEY (code)",
                                    "DROP TRIGGER items_touch ON items", "DROP FUNCTION touch()",
                                    "ALTER TABLE items DROP COLUMN mood", "DROP TYPE mood"}
         : std::vector<std::string>{"ALTER TABLE tags DROP PRIMARY KEY, ADD PRIMARY KEY (code)",
                                    "DROP TRIGGER items_touch"};
  for (const std::string& sql : make) db().execute(sql);
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "want.yaml"}).exit_code, 0);
  for (const std::string& sql : unmake) db().execute(sql);
  expect_same("before.yaml");

  const auto generate =
      forge_db({"migration:generate", "--name", "objects", "--from-schema", "want.yaml"});
  ASSERT_EQ(generate.exit_code, 0) << generate;
  EXPECT_THAT(generate.err, ::testing::Not(HasSubstr("not generated"))) << generate;
  const std::string unit = project.read(generate.out.substr(0, generate.out.find('\n')));
  expect_round_trip(unit);
  if (HasFailure() || !pg) return;

  // Labels added to the enum are added in place: the column that uses it stays.
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  std::string more = project.read("want.yaml");
  const auto labels = more.find("'sad', 'ok'");
  ASSERT_NE(labels, std::string::npos) << more;
  project.write("more.yaml", more.replace(labels, 11, "'new', 'sad', 'ok', 'happy'"));
  const auto again =
      forge_db({"migration:generate", "--name", "labels", "--from-schema", "more.yaml"});
  ASSERT_EQ(again.exit_code, 0) << again;
  const std::string added = project.read(again.out.substr(0, again.out.find('\n')));
  EXPECT_THAT(added, HasSubstr("ADD VALUE 'happy' AFTER 'ok'"));
  const auto migrate_more = forge_db({"db:migrate"});
  ASSERT_EQ(migrate_more.exit_code, 0) << migrate_more << added;
  expect_same("more.yaml");
}

INSTANTIATE_TEST_SUITE_P(Servers, GenerateServerObjects, k_server_dialects, dialect_name);

// Everything the model holds of PostgreSQL, made by one generated unit and removed by its down:
// types and sequences before the tables, the tables the declarative format cannot say (another
// schema, partitioned, storage options, generated or collated columns, deferrable keys) by their
// own SQL, serial and identity columns as they were.
using GenerateRichSchema = DialectTest;

TEST_P(GenerateRichSchema, OneUnitMakesItAndItsDownRemovesIt) {
  const forge::testing::TestDatabase source("postgres");
  std::filesystem::create_directories(project.path("migrations"));
  project.write("rich.sql", k_rich_schema);
  const auto load = project.forge({"db:schema:load", "rich.sql", "--url", source.url()});
  ASSERT_EQ(load.exit_code, 0) << load;
  ASSERT_EQ(project
                .forge({"db:schema:dump", "--format", "yaml", "--out", "want.yaml", "--url",
                        source.url()})
                .exit_code,
            0);
  ASSERT_EQ(forge_db({"db:schema:dump", "--out", "empty.sql"}).exit_code, 0);

  const auto generate =
      forge_db({"migration:generate", "--name", "rich", "--from-schema", "want.yaml"});
  ASSERT_EQ(generate.exit_code, 0) << generate;
  const std::string unit = project.read(generate.out.substr(0, generate.out.find('\n')));
  const auto migrate = forge_db({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate << unit;
  // Only what the model cannot hold (a policy, row security, a partition, a view's comment)
  // differs.
  const auto diff = forge_db({"db:schema:diff", url(), "want.yaml", "--json"});
  for (const auto& change : nlohmann::json::parse(diff.out)["differences"]) {
    EXPECT_EQ(change["object"], "unmodeled") << change << unit;
  }
  const auto undo = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo << unit;
  ASSERT_EQ(forge_db({"db:schema:dump", "--out", "after.sql"}).exit_code, 0);
  EXPECT_EQ(project.read("after.sql"), project.read("empty.sql"));
}

INSTANTIATE_TEST_SUITE_P(Postgres, GenerateRichSchema, ::testing::Values("postgres"), dialect_name);

}  // namespace
}  // namespace forge::e2e
