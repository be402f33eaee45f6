// Files that look like units but would be read as something else, or not at all: each is run as
// the README says, or refused with exit 2 naming it -- never skipped in silence.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const char* k_yaml_unit =
    "up:\n  - createTable:\n      name: t\n      columns:\n        id: { type: integer, "
    "primaryKey: true }\ndown:\n  - dropTable: t\n";

class UnitMeaning : public ForgeTest {};

TEST_F(UnitMeaning, ADeclarativeUnitNamedAsAnUpFileIsAnErrorNamingIt) {
  project.write("migrations/1_a.up.yaml", k_yaml_unit);

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/1_a.up.yaml")) << result;
  EXPECT_THAT(result.err, HasSubstr("Rename it without '.up'")) << result;
  EXPECT_FALSE(project.exists(k_db));
}

// `pg` is PostgreSQL's short name; on SQLite such a unit is for another database and skipped.
TEST_F(UnitMeaning, APgTaggedUnitIsPostgresOnly) {
  project.write("migrations/1_a.pg.sql", "-- forge:up\nCREATE TABLE pg_only (id INTEGER);\n");
  add_table_unit("2", "create-t", "t");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_FALSE(db().has_table("pg_only"));
  EXPECT_THAT(result.err, Not(HasSubstr("1_a.pg.sql"))) << result;
}

TEST_F(UnitMeaning, AUnitOnlyForADatabaseForgeDoesNotRunIsSkippedWithAWarning) {
  project.write("migrations/1_a.cockroach.sql", "-- forge:up\nCREATE TABLE c (id INTEGER);\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/1_a.cockroach.sql: written for cockroach only"))
      << result;
}

TEST_F(UnitMeaning, SeedersSharingTheMigrationsHistoryTableAreRefused) {
  add_table_unit("1", "create-t", "t");

  for (const auto& args : std::vector<std::vector<std::string>>{
           {"db:seed:all", "--seed-table", "ForgeMeta"},
           {"db:migrate", "--meta-table", "shared", "--seed-table", "SHARED"}}) {
    const auto result = forge_db(args);
    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err,
                HasSubstr("the migrations and the seeders would share the history table"))
        << result;
  }
  EXPECT_FALSE(project.exists(k_db));
}

// A history table's name is a name: not SQL, not 3000 characters, one schema at most.
TEST_F(UnitMeaning, AHistoryTableNameThatIsNoNameIsRefused) {
  add_table_unit("1", "create-t", "t");

  for (const std::string& name :
       {std::string("x\"; DROP TABLE t; --"), std::string(3000, 'm'), std::string("a.b.c"),
        std::string("a..b"), std::string("meta\nx")}) {
    for (const char* flag : {"--meta-table", "--seed-table"}) {
      const auto result = forge_db({"db:migrate", flag, name});
      EXPECT_EQ(result.exit_code, 2) << result;
      EXPECT_THAT(result.err, HasSubstr("is no name for")) << result;
    }
  }
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(UnitMeaning, SeedersSharingTheMigrationsFolderAreRefused) {
  add_table_unit("1", "create-t", "t");

  const auto result = forge_db({"db:seed:all", "--seeders-path", "./migrations/"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("would share the folder")) << result;
}

// A file of a one-direction layout runs whole: markers in it would carry the down SQL into the up.
TEST_F(UnitMeaning, SectionMarkersInAOneDirectionFileAreAnErrorAtTheirLine) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"migrations/1_a.up.sql", "CREATE TABLE a (id INTEGER);\n-- forge:down\nDROP TABLE a;\n"},
      {"migrations/V1__a.sql", "-- migrate:up\nCREATE TABLE a (id INTEGER);\n"},
      {"migrations/1_a.down.sql", "-- +goose Down\nDROP TABLE a;\n"}};
  const std::vector<std::string> lines = {"2", "1", "1"};
  for (std::size_t i = 0; i < files.size(); ++i) {
    Project own;
    own.write(files[i].first, files[i].second);
    if (i == 2) own.write("migrations/1_a.up.sql", "CREATE TABLE a (id INTEGER);\n");

    const auto result = own.forge({"db:migrate", "--url", k_url});

    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr(files[i].first + ":" + lines[i] + ": a section marker"))
        << result;
    EXPECT_FALSE(own.exists(k_db));
  }
}

// A raw NUL byte in a YAML unit is refused at its line when the unit is read, exit 2, before
// anything runs -- not by the database, exit 1.
TEST_F(UnitMeaning, ANulByteInAYamlUnitIsAnErrorAtItsLine) {
  add_table_unit("1", "create-first", "first");
  std::string text = k_yaml_unit;
  text.insert(text.find("id:") + 1, std::string(1, '\0'));
  project.write("migrations/2_a.yaml", text);

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/2_a.yaml:5")) << result;
  EXPECT_THAT(result.err, HasSubstr("NUL byte")) << result;
  EXPECT_FALSE(project.exists(k_db));
}

}  // namespace
}  // namespace forge::e2e
