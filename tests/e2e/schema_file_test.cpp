// The schema dump of issue 14 on SQLite: the schemaFile setting, refreshed after every migrate
// and undo (SQL or YAML by the file's extension), and db:schema:dump.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::StartsWith;

const std::string k_sql_header = "-- forge schema dump (sqlite)\n";
const std::string k_yaml_header = "# forge schema dump\ndialect: sqlite\n";

EnvChanges schema_file(const std::string& file) { return {{"FORGE_SCHEMA_FILE", file}}; }

class SchemaFile : public ForgeTest {
 protected:
  void SetUp() override {
    m_widgets = add_table_unit("20240101000001", "create-widgets", "widgets");
    m_gadgets = add_table_unit("20240101000002", "create-gadgets", "gadgets");
  }

  std::string m_widgets, m_gadgets;
};

TEST_F(SchemaFile, MigrateWritesTheSqlDumpToTheSchemaFile) {
  const auto result = forge_db({"db:migrate"}, schema_file("db/schema.sql"));

  ASSERT_EQ(result.exit_code, 0) << result;
  ASSERT_TRUE(project.exists("db/schema.sql")) << result;
  const std::string dump = project.read("db/schema.sql");
  EXPECT_THAT(dump, StartsWith(k_sql_header));
  EXPECT_THAT(dump, HasSubstr("CREATE TABLE \"widgets\" (\n  \"id\" INTEGER,\n  PRIMARY KEY "
                              "(\"id\")\n);\n"));
  EXPECT_THAT(dump, HasSubstr("CREATE TABLE \"gadgets\" ("));
  // The history table is forge's, not the schema's.
  EXPECT_THAT(dump, Not(HasSubstr("ForgeMeta")));
  EXPECT_THAT(result.err, Not(HasSubstr("not updated"))) << result;
}

TEST_F(SchemaFile, UndoRewritesTheSchemaFile) {
  ASSERT_EQ(forge_db({"db:migrate"}, schema_file("db/schema.sql")).exit_code, 0);
  ASSERT_THAT(project.read("db/schema.sql"), HasSubstr("\"gadgets\""));

  const auto result = forge_db({"db:migrate:undo"}, schema_file("db/schema.sql"));

  ASSERT_EQ(result.exit_code, 0) << result;
  const std::string dump = project.read("db/schema.sql");
  EXPECT_THAT(dump, StartsWith(k_sql_header));
  EXPECT_THAT(dump, HasSubstr("CREATE TABLE \"widgets\" ("));
  EXPECT_THAT(dump, Not(HasSubstr("gadgets")));
}

TEST_F(SchemaFile, AYamlFileNameGetsTheYamlDump) {
  const auto result = forge_db({"db:migrate"}, schema_file("db/schema.yaml"));

  ASSERT_EQ(result.exit_code, 0) << result;
  const std::string dump = project.read("db/schema.yaml");
  EXPECT_THAT(dump, StartsWith(k_yaml_header + "tables:\n"));
  EXPECT_THAT(dump, HasSubstr("  \"widgets\":\n    columns:\n      \"id\": { type: \"INTEGER\" }\n"
                              "    primaryKey: { columns: [\"id\"] }\n"));
  EXPECT_THAT(dump, HasSubstr("  \"gadgets\":\n"));
  EXPECT_THAT(dump, Not(HasSubstr("CREATE TABLE")));
}

TEST_F(SchemaFile, ADryRunDoesNotWriteTheSchemaFile) {
  const auto dry_migrate = forge_db({"db:migrate", "--dry-run"}, schema_file("db/schema.sql"));

  ASSERT_EQ(dry_migrate.exit_code, 0) << dry_migrate;
  EXPECT_FALSE(project.exists("db/schema.sql"));

  ASSERT_EQ(forge_db({"db:migrate"}, schema_file("db/schema.sql")).exit_code, 0);
  const std::string before = project.read("db/schema.sql");
  const auto dry_undo = forge_db({"db:migrate:undo", "--dry-run"}, schema_file("db/schema.sql"));

  ASSERT_EQ(dry_undo.exit_code, 0) << dry_undo;
  EXPECT_EQ(project.read("db/schema.sql"), before);
  EXPECT_THAT(before, HasSubstr("\"gadgets\""));
}

TEST_F(SchemaFile, AnUnwritableSchemaFileIsWarnedAboutAndTheMigrationStillSucceeds) {
  // The file's folder is a file: the dump cannot be written.
  project.write("blocked", "not a folder\n");

  const auto result = forge_db({"db:migrate"}, schema_file("blocked/schema.sql"));

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ::testing::ElementsAre(m_widgets, m_gadgets));
  EXPECT_TRUE(db().has_table("gadgets"));
  EXPECT_THAT(result.err, HasSubstr("the schema file blocked/schema.sql was not updated"))
      << result;
  EXPECT_THAT(result.err, HasSubstr("forge db:schema:dump --out blocked/schema.sql")) << result;
  EXPECT_EQ(project.read("blocked"), "not a folder\n");
}

TEST_F(SchemaFile, WithoutTheSettingNoSchemaFileIsWritten) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(project.exists("schema.sql"));
  EXPECT_FALSE(project.exists("db/schema.sql"));
}

TEST_F(SchemaFile, SchemaDumpPrintsYamlWhenAsked) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:schema:dump", "--format", "yaml"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, StartsWith(k_yaml_header));
  EXPECT_THAT(result.out, HasSubstr("  \"widgets\":\n"));
  EXPECT_THAT(result.out, HasSubstr("  \"gadgets\":\n"));
  EXPECT_THAT(result.out, Not(HasSubstr("ForgeMeta")));
}

TEST_F(SchemaFile, SchemaDumpPrintsSqlByDefault) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:schema:dump"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, StartsWith(k_sql_header));
  EXPECT_THAT(result.out, HasSubstr("CREATE TABLE \"widgets\" ("));
}

TEST_F(SchemaFile, SchemaDumpWritesToTheOutFileInsteadOfTheOutput) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:schema:dump", "--format", "yaml", "--out", "db/dumped.yaml"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, HasSubstr("Wrote the schema to db/dumped.yaml")) << result;
  const std::string dump = project.read("db/dumped.yaml");
  EXPECT_THAT(dump, StartsWith(k_yaml_header));
  EXPECT_THAT(dump, HasSubstr("  \"widgets\":\n"));
  // The same text as printed.
  EXPECT_EQ(dump, forge_db({"db:schema:dump", "--format", "yaml"}).out);
}

TEST_F(SchemaFile, SchemaDumpRefusesAnUnknownFormatWithExitCodeTwo) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:schema:dump", "--format", "xml"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, HasSubstr("xml")) << result;
}

// A schema file that cannot be read or written, or that is not a schema, is bad input: exit 2,
// naming the file and what to do, never an "unexpected failure".
TEST_F(SchemaFile, AMissingUnwritableOrMalformedSchemaFileExitsTwoNamingIt) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  project.write("bad.yaml", "dialect: sqlite\ntables:\n  t:\n    columns: 5\n");
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"db:schema:diff", "missing.yaml", "migrations"}, "cannot read missing.yaml"},
      {{"db:schema:load", "missing.sql"}, "cannot read missing.sql"},
      {{"db:schema:load", "migrations"}, "it is a folder, not a file"},
      {{"db:schema:dump", "--out", "no/such/folder/x.sql"}, "cannot write no/such/folder/x.sql"},
      {{"db:schema:diff", "bad.yaml", "migrations"}, "bad.yaml:4:14: columns of table t"},
      {{"migration:generate", "--name", "x", "--from-schema", "missing.yaml"},
       "cannot read missing.yaml"},
      {{"db:schema:diff", "migrations/" + m_widgets + ".sql", "migrations"},
       "is a migration unit (it has an up marker), not a schema dump"}};
  for (const auto& [args, said] : cases) {
    const auto result = forge_db(args);
    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr(said)) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("unexpected"))) << result;
  }
}

}  // namespace
}  // namespace forge::e2e
