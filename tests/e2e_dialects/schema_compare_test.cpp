// db:schema:diff and db:migrate:verify on every dialect: drift made by hand is found against
// the migrations folder, a dump compares equal to its database, and verify names the unit whose
// down forgets an index, a column default or a constraint.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "dialect_test.hpp"
#include "items_unit.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SchemaCompare : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    project.write(k_items_unit_file, k_items_unit);
  }
};

TEST_P(SchemaCompare, DiffFindsWhatWasChangedByHandAgainstTheMigrations) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const auto clean = forge_db({"db:schema:diff", url(), "migrations", "--exit-code"});
  EXPECT_EQ(clean.exit_code, 0) << clean;
  EXPECT_THAT(clean.out, HasSubstr("The schemas are the same.")) << clean;

  db().execute("ALTER TABLE items ADD COLUMN extra INTEGER");
  db().execute("CREATE INDEX items_qty ON items (qty)");
  const auto drift = forge_db({"db:schema:diff", "migrations", url(), "--exit-code", "--json"});

  EXPECT_EQ(drift.exit_code, 1) << drift;
  const auto document = nlohmann::json::parse(drift.out);
  std::vector<std::string> found;
  for (const auto& change : document["differences"]) {
    found.push_back(change["change"].get<std::string>() + " " +
                    change["object"].get<std::string>() + " " + change["name"].get<std::string>());
  }
  EXPECT_THAT(found, ::testing::UnorderedElementsAre("added column items.extra",
                                                     "added index items_qty on items"));
}

TEST_P(SchemaCompare, ADumpComparesEqualToItsDatabaseAndShowsAChangedType) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:schema:dump", "--out", project.path("schema.sql").string()}).exit_code,
            0);
  const auto same = forge_db({"db:schema:diff", "schema.sql", url(), "--exit-code"});
  EXPECT_EQ(same.exit_code, 0) << same;

  project.write("migrations/20240101000001-wider.yaml",
                "up:\n  - changeColumn: { table: items, column: qty, type: BIGINT }\n"
                "down:\n  - changeColumn: { table: items, column: qty, type: INTEGER }\n");
  const auto changed = forge_db({"db:schema:diff", "schema.sql", "migrations"});

  EXPECT_EQ(changed.exit_code, 0) << changed;
  EXPECT_THAT(changed.out, HasSubstr("~ column items.qty")) << changed;
  EXPECT_THAT(changed.out, HasSubstr("type: ")) << changed;
}

struct ForgetfulDown {
  std::string what;
  std::string up;     // a YAML up list that adds something
  std::string shown;  // what verify says differs
};

TEST_P(SchemaCompare, VerifyNamesTheUnitWhoseDownForgetsAnIndexADefaultOrAConstraint) {
  const std::vector<ForgetfulDown> cases = {
      {"index", "  - addIndex: { table: items, fields: [name], name: items_name }\n",
       "+ index items_name on items"},
      {"default",
       "  - changeColumn: { table: items, column: qty, type: INTEGER, defaultValue: 5 }\n",
       "~ column items.qty"},
      {"constraint",
       "  - addConstraint: { table: items, type: unique, fields: [name], name: items_name_uk }\n",
       "+ unique "},
  };
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const auto before = db().schema();
  for (const ForgetfulDown& forgetful : cases) {
    const std::string unit = "migrations/20240101000001-forgets-" + forgetful.what + ".yaml";
    project.write(unit, "up:\n" + forgetful.up + "down:\n  - sql: SELECT 1\n");

    const auto verified = forge_db({"db:migrate:verify"});

    EXPECT_EQ(verified.exit_code, 1) << forgetful.what << verified;
    EXPECT_THAT(verified.out, HasSubstr("20240101000001-forgets-" + forgetful.what +
                                        ": its down does not restore the schema"))
        << verified;
    EXPECT_THAT(verified.out, HasSubstr(forgetful.shown)) << forgetful.what << verified;
    EXPECT_THAT(verified.out, HasSubstr("20240101000000-items: up, down and up again agree"));
    std::filesystem::remove(project.path(unit));
  }
  EXPECT_EQ(db().schema(), before) << "verify works on a scratch database only";
}

TEST_P(SchemaCompare, VerifyPassesUnitsWhoseDownsUndoTheirUps) {
  project.write("migrations/20240101000001-index.yaml",
                "up:\n  - addIndex: { table: items, fields: [name], name: items_name }\n");

  const auto verified = forge_db({"db:migrate:verify"});

  EXPECT_EQ(verified.exit_code, 0) << verified;
  EXPECT_THAT(verified.out, HasSubstr("20240101000001-index: up, down and up again agree"));
  EXPECT_THAT(verified.out, HasSubstr("Every down restores the schema its up started from."));
}

// The throwaway database is dropped when forge is done with it (its sessions closed first, or
// the server would refuse, and forge would leave it behind).
TEST_P(SchemaCompare, NoScratchDatabaseIsLeftBehind) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"db:schema:diff", url(), "migrations"}, {"db:migrate:verify"}}) {
    const auto run = forge_db(args);
    ASSERT_EQ(run.exit_code, 0) << run;
    const std::string prefix = "forge_scratch_" + std::to_string(run.pid) + "_";
    if (dialect() == "sqlite") {
      for (const auto& entry :
           std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
        EXPECT_NE(entry.path().filename().string().rfind(prefix, 0), 0u) << entry.path();
      }
      continue;
    }
    const std::string catalog = dialect() == "postgres"
                                    ? "SELECT count(*) FROM pg_database WHERE datname"
                                    : "SELECT count(*) FROM information_schema.SCHEMATA WHERE "
                                      "SCHEMA_NAME";
    EXPECT_EQ(db().scalar(catalog + " LIKE '" + prefix + "%'"), "0") << args[0];
  }
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SchemaCompare, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
