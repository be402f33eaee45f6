// --dry-run of db:migrate, db:migrate:undo and db:migrate:undo:all on SQLite: the SQL each unit
// would run, worked out on an in-memory copy, and nothing changed in the database file.
#include <fstream>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string k_sql_unit = "20240101000001-create-a";
const std::string k_yaml_unit = "20240101000002-create-b";

// createTable at line 2.
const std::string k_create_b = R"(up:
  - createTable:
      table: b
      columns:
        id: { type: INTEGER, primaryKey: true }
        label: STRING(20)
)";

class DryRun : public ForgeTest {
 protected:
  void SetUp() override {
    project.write("migrations/" + k_sql_unit + ".sql",
                  unit_sql("CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;"));
    project.write("migrations/" + k_yaml_unit + ".yaml", k_create_b);
  }
  std::string file_bytes() const { return project.read(k_db); }
  // What a dry run must leave as it was: the database's schema and history, its bytes, and
  // the files beside it (no lock file, no journal).
  std::string state() const {
    return db().schema_and_history() + "\n--bytes--\n" + file_bytes() + "\n--files--\n" +
           ::testing::PrintToString(project.list("db"));
  }
  static std::string last_line(const std::string& text) {
    const auto lines = lines_of(text);
    return lines.empty() ? std::string() : lines.back();
  }
};

TEST_F(DryRun, OnAMissingDatabasePrintsTheSqlOfEveryUnitAndCreatesNoFile) {
  const auto result = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("-- migrations/" + k_sql_unit +
                                    ".sql:2\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n"))
      << result;
  EXPECT_THAT(result.out,
              HasSubstr("-- migrations/" + k_yaml_unit + ".yaml:2\nCREATE TABLE \"b\" ("))
      << result;
  EXPECT_LT(position(result.out, "CREATE TABLE a"), position(result.out, "CREATE TABLE \"b\""));
  EXPECT_EQ(last_line(result.out), "-- Dry run: 2 unit(s) would be migrated; nothing was changed.");
  EXPECT_THAT(result.out, Not(HasSubstr("ForgeMeta")))
      << "the history row is no statement of the unit";
  EXPECT_FALSE(project.exists(k_db)) << result;
  EXPECT_FALSE(project.exists(k_db + ".forge-lock"));
}

TEST_F(DryRun, OnAMissingDatabaseIsFollowedByARealMigrateThatAppliesEverything) {
  ASSERT_EQ(forge_db({"db:migrate", "--dry-run"}).exit_code, 0);

  const auto real = forge_db({"db:migrate"});

  ASSERT_EQ(real.exit_code, 0) << real;
  EXPECT_TRUE(db().has_table("a"));
  EXPECT_TRUE(db().has_table("b"));
  EXPECT_THAT(db().applied(), ElementsAre(k_sql_unit, k_yaml_unit));
}

TEST_F(DryRun, OnAnExistingDatabaseChangesNeitherSchemaNorHistory) {
  ASSERT_EQ(forge_db({"db:migrate", "--to", k_sql_unit}).exit_code, 0);
  const std::string before = state();

  const auto result = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("-- migrations/" + k_yaml_unit + ".yaml:2")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("CREATE TABLE a "))) << "unit 1 is applied already";
  EXPECT_EQ(last_line(result.out), "-- Dry run: 1 unit(s) would be migrated; nothing was changed.");
  EXPECT_EQ(state(), before);
  EXPECT_FALSE(db().has_table("b"));

  const auto real = forge_db({"db:migrate"});
  ASSERT_EQ(real.exit_code, 0) << real;
  EXPECT_TRUE(db().has_table("b"));
  EXPECT_THAT(db().applied(), ElementsAre(k_sql_unit, k_yaml_unit));
}

TEST_F(DryRun, WithNothingPendingSaysSo) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const std::string before = state();

  const auto result = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("Nothing to migrate")) << result;
  EXPECT_EQ(last_line(result.out), "-- Dry run: 0 unit(s) would be migrated; nothing was changed.");
  EXPECT_EQ(state(), before);
}

TEST_F(DryRun, OfUndoListsTheNewestUnitsDownSqlAndChangesNothing) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const std::string before = state();

  const auto result = forge_db({"db:migrate:undo", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out,
              HasSubstr("-- migrations/" + k_yaml_unit + ".yaml:2\nDROP TABLE \"b\";\n"))
      << "the derived down, at the line of the createTable it undoes\n"
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("DROP TABLE a"))) << result;
  EXPECT_EQ(last_line(result.out), "-- Dry run: 1 unit(s) would be reverted; nothing was changed.");
  EXPECT_EQ(state(), before);
}

TEST_F(DryRun, OfUndoAllListsEveryDownNewestFirstAndChangesNothing) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const std::string before = state();

  const auto result = forge_db({"db:migrate:undo:all", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("-- migrations/" + k_sql_unit + ".sql:5\nDROP TABLE a;\n"))
      << result;
  EXPECT_LT(position(result.out, "DROP TABLE \"b\""), position(result.out, "DROP TABLE a;"));
  EXPECT_EQ(last_line(result.out), "-- Dry run: 2 unit(s) would be reverted; nothing was changed.");
  EXPECT_EQ(state(), before);
  EXPECT_THAT(db().applied(), ElementsAre(k_sql_unit, k_yaml_unit));
}

TEST_F(DryRun, OfUndoRefusesAUnitThatCannotBeUndoneLikeTheRealUndo) {
  project.write("migrations/20240101000003-drop-a.yaml", "up:\n  - dropTable: { table: a }\n");
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const std::string before = state();

  const auto result = forge_db({"db:migrate:undo", "--dry-run"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err,
              AllOf(HasSubstr("dropTable"), HasSubstr("20240101000003-drop-a.yaml:2:5")))
      << result;
  EXPECT_EQ(state(), before);
}

TEST_F(DryRun, ShowsTheFullRebuildOfAChangeColumnOnATableAnEarlierPendingUnitCreates) {
  project.write(
      "migrations/20240101000003-widen-label.yaml",
      "up:\n  - changeColumn: { table: b, column: label, type: STRING(50), allowNull: false, "
      "defaultValue: '' }\n");

  const auto result = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto created = position(result.out, "CREATE TABLE \"b\"");
  const auto rebuilt = position(
      result.out, "-- migrations/20240101000003-widen-label.yaml:2\nCREATE TABLE \"forge_new_");
  ASSERT_NE(rebuilt, std::string::npos) << result;
  EXPECT_LT(created, rebuilt);
  EXPECT_THAT(result.out.substr(rebuilt),
              AllOf(HasSubstr("INSERT INTO \"forge_new_"), HasSubstr("DROP TABLE \"b\""),
                    HasSubstr("\"label\"")))
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("written from the table's definition when it runs")))
      << "the dry run writes the rebuild out instead of describing it\n"
      << result;
  EXPECT_EQ(last_line(result.out), "-- Dry run: 3 unit(s) would be migrated; nothing was changed.");
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(DryRun, OfAUnitWhoseSqlFailsExitsOneAndChangesNothing) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  project.write(
      "migrations/20240101000003-broken.sql",
      unit_sql("CREATE TABLE c (id INTEGER);\nINSERT INTO no_such_table VALUES (1);", ""));
  const std::string before = state();

  const auto result = forge_db({"db:migrate", "--dry-run"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err,
              AllOf(HasSubstr("20240101000003-broken.sql:3"), HasSubstr("no_such_table")))
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("nothing was changed"))) << "the dry run did not finish";
  EXPECT_EQ(state(), before);
  EXPECT_FALSE(db().has_table("c"));
}

TEST_F(DryRun, OfAFailingUnitOnAMissingDatabaseCreatesNoFile) {
  project.write("migrations/20240101000003-broken.sql",
                unit_sql("INSERT INTO no_such_table VALUES (1);", ""));

  const auto result = forge_db({"db:migrate", "--dry-run"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_FALSE(project.exists(k_db));
}

}  // namespace
}  // namespace forge::e2e
