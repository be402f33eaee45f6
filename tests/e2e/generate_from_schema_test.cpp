// forge migration:generate --from-schema on SQLite (issue 14): the unit written takes the
// units' schema to the desired dump, so generate -> migrate -> diff is empty, and its down
// returns to the earlier schema.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string k_want_url = "sqlite:db/want.sqlite3";

class GenerateFromSchema : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/20240101000001-create-authors.sql",
                  unit_sql("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                           "legacy TEXT);",
                           "DROP TABLE authors;"));
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "db/before.yaml"}).exit_code,
              0);
  }

  // Builds db/want.sqlite3 from `up` and dumps it as YAML to db/want.yaml.
  void write_desired(const std::string& up) {
    project.write("desired/20240101000001-desired.sql", up_only_sql(up));
    const auto migrate =
        project.forge({"db:migrate", "--migrations-path", "desired", "--url", k_want_url});
    ASSERT_EQ(migrate.exit_code, 0) << migrate;
    const auto dump = project.forge(
        {"db:schema:dump", "--format", "yaml", "--out", "db/want.yaml", "--url", k_want_url});
    ASSERT_EQ(dump.exit_code, 0) << dump;
  }

  static std::string printed_path(const ProcessResult& result) {
    std::string path = result.out;
    while (!path.empty() && path.back() == '\n') path.pop_back();
    return path;
  }

  void expect_same_as_desired() {
    const auto diff = forge_db({"db:schema:diff", k_url, "db/want.yaml"});
    EXPECT_EQ(diff.exit_code, 0) << diff;
    EXPECT_THAT(diff.out, HasSubstr("The schemas are the same.")) << diff;
  }
};

TEST_F(GenerateFromSchema, GenerateMigrateDiffIsEmptyAndUndoReturns) {
  write_desired(
      "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "email VARCHAR(80) DEFAULT 'none');\n"
      "CREATE INDEX authors_email ON authors (email);\n"
      "CREATE TABLE tags (id INTEGER PRIMARY KEY AUTOINCREMENT, label VARCHAR(20) NOT NULL, "
      "author_id INTEGER REFERENCES authors (id) ON DELETE CASCADE);\n");

  const auto generate =
      forge_db({"migration:generate", "--name", "to-desired", "--from-schema", "db/want.yaml"});

  ASSERT_EQ(generate.exit_code, 0) << generate;
  const std::string path = printed_path(generate);
  EXPECT_THAT(path, StartsWith("migrations/"));
  EXPECT_THAT(path, HasSubstr("-to-desired.yaml"));
  EXPECT_THAT(generate.err, HasSubstr("warning: " + path +
                                      ": destructive: drops column authors.legacy and its data"));
  const std::string unit = project.read(path);
  EXPECT_THAT(unit, HasSubstr("  # DESTRUCTIVE: drops column authors.legacy and its data\n"
                              "  - removeColumn: { table: \"authors\", column: \"legacy\" }\n"));
  EXPECT_THAT(unit, HasSubstr("type: { sqlite: \"VARCHAR(80)\" }"));
  EXPECT_THAT(unit, HasSubstr("- createTable:\n      table: \"tags\""));
  // SQLite keeps an index's keys as written: the step writes them as the dump spells them.
  EXPECT_THAT(unit, HasSubstr("- sql: { sqlite: \"CREATE INDEX \\\"authors_email\\\" ON "
                              "\\\"authors\\\" (email)\" }"));

  const auto migrate = forge_db({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate << unit;
  expect_same_as_desired();

  const auto undo = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo;
  ASSERT_EQ(forge_db({"db:schema:dump", "--format", "yaml", "--out", "db/after.yaml"}).exit_code,
            0);
  EXPECT_EQ(project.read("db/after.yaml"), project.read("db/before.yaml"));
}

TEST_F(GenerateFromSchema, ASqlDumpIsADesiredSchemaToo) {
  write_desired(
      "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, legacy TEXT, "
      "born INTEGER);\n");
  ASSERT_EQ(
      project.forge({"db:schema:dump", "--out", "db/want.sql", "--url", k_want_url}).exit_code, 0);

  const auto generate =
      forge_db({"migration:generate", "--name", "born", "--from-schema", "db/want.sql"});

  ASSERT_EQ(generate.exit_code, 0) << generate;
  EXPECT_THAT(generate.err, Not(HasSubstr("destructive")));
  EXPECT_THAT(project.read(printed_path(generate)),
              HasSubstr("up:\n  - addColumn: { table: \"authors\", column: \"born\", type: { "
                        "sqlite: \"INTEGER\" } }\ndown:\n"));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  expect_same_as_desired();
}

TEST_F(GenerateFromSchema, RenameWithoutFromSchemaIsAUsageError) {
  const auto result = forge_db({"migration:generate", "--name", "x", "--rename", "a=b"});
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("--rename and --dev-url go with --from-schema")) << result;
}

TEST_F(GenerateFromSchema, EqualSchemasWriteNothing) {
  const auto result =
      forge_db({"migration:generate", "--name", "nothing", "--from-schema", "db/before.yaml"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("nothing to do"));
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(project.list("migrations").size(), 1u);
}

TEST_F(GenerateFromSchema, ARenameIsWrittenOnlyWhenAskedFor) {
  write_desired(
      "CREATE TABLE writers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, legacy TEXT);\n");

  const auto guessed =
      forge_db({"migration:generate", "--name", "no-rename", "--from-schema", "db/want.yaml"});
  ASSERT_EQ(guessed.exit_code, 0) << guessed;
  const std::string guessed_unit = project.read(printed_path(guessed));
  EXPECT_THAT(guessed_unit, Not(HasSubstr("renameTable")));
  EXPECT_THAT(guessed_unit, Not(HasSubstr("renameColumn")));
  EXPECT_THAT(guessed.err, HasSubstr("destructive: drops table authors and its rows"));
  project.remove(printed_path(guessed));

  const auto renamed =
      forge_db({"migration:generate", "--name", "renames", "--from-schema", "db/want.yaml",
                "--rename", "authors=writers", "--rename", "writers.name=writers.full_name"});
  ASSERT_EQ(renamed.exit_code, 0) << renamed;
  const std::string unit = project.read(printed_path(renamed));
  EXPECT_THAT(unit, HasSubstr("up:\n  - renameTable: { from: \"authors\", to: \"writers\" }\n"
                              "  - renameColumn: { table: \"writers\", from: \"name\", to: "
                              "\"full_name\" }\ndown:\n"));
  EXPECT_THAT(renamed.err, Not(HasSubstr("destructive")));

  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  expect_same_as_desired();
}

TEST_F(GenerateFromSchema, AMalformedDesiredSchemaIsRefusedWhereItIsWrong) {
  project.write("db/want.yaml",
                "dialect: sqlite\ntables:\n  t:\n    columns:\n      id: { typ: x }\n");

  const auto result =
      forge_db({"migration:generate", "--name", "bad", "--from-schema", "db/want.yaml"});

  EXPECT_NE(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("db/want.yaml:5:")) << result;
  EXPECT_EQ(project.list("migrations").size(), 1u);
}

TEST_F(GenerateFromSchema, ARenameOfAMissingTableIsAUsageError) {
  const auto result = forge_db({"migration:generate", "--name", "bad", "--from-schema",
                                "db/before.yaml", "--rename", "nope=authors"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("no table 'nope'")) << result;
}

}  // namespace
}  // namespace forge::e2e
