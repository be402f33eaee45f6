// The everyday cycle: migrate, status, undo, undo:all, migrate again, with sequelize-cli's output.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const char* k_up_to_date = "No migrations were executed, database schema was already up to date.";

class MigrateCycle : public ForgeTest {
 protected:
  void SetUp() override {
    users = add_table_unit("20240101000001", "create-users", "users");
    orders = add_table_unit("20240101000002", "create-orders", "orders");
  }
  std::string users, orders;
};

// The regular expression for a unit's "migrated (0.012s)" / "reverted" line.
std::string finished_line(const std::string& name, const std::string& verb) {
  return "== " + name + ": " + verb + " \\([0-9]+\\.[0-9]{3}s\\)";
}

TEST(FullCycle, InitGenerateMigrateStatusUndoUndoAllAndMigrateAgain) {
  Project project;
  ASSERT_EQ(project.forge({"init"}).exit_code, 0);
  const auto generated = project.forge({"migration:generate", "--name", "create-products"});
  ASSERT_EQ(generated.exit_code, 0) << generated;
  const std::string file = lines_of(generated.out).back();
  const std::string name = stem_of(file);
  project.write(file, unit_sql("CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT);",
                               "DROP TABLE products;"));
  const std::filesystem::path db_file = project.path("db/development.sqlite3");

  const auto migrated = project.forge({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(migrated.out, HasSubstr("== " + name + ": migrating =======")) << migrated;
  EXPECT_THAT(migrated.out, ContainsRegex(finished_line(name, "migrated"))) << migrated;
  EXPECT_TRUE(SqliteProbe(db_file).has_table("products"));

  const auto status = project.forge({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out), ElementsAre("up " + name)) << status;

  const auto undone = project.forge({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_THAT(undone.out, HasSubstr("== " + name + ": reverting =======")) << undone;
  EXPECT_THAT(undone.out, ContainsRegex(finished_line(name, "reverted"))) << undone;
  EXPECT_FALSE(SqliteProbe(db_file).has_table("products"));
  EXPECT_THAT(lines_of(project.forge({"db:migrate:status"}).out), ElementsAre("down " + name));

  ASSERT_EQ(project.forge({"db:migrate"}).exit_code, 0);
  const auto undone_all = project.forge({"db:migrate:undo:all"});
  ASSERT_EQ(undone_all.exit_code, 0) << undone_all;
  EXPECT_THAT(undone_all.out, ContainsRegex(finished_line(name, "reverted")));
  EXPECT_THAT(SqliteProbe(db_file).applied(), IsEmpty());

  const auto again = project.forge({"db:migrate"});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_THAT(again.out, ContainsRegex(finished_line(name, "migrated")));
  EXPECT_TRUE(SqliteProbe(db_file).has_table("products"));
  EXPECT_THAT(SqliteProbe(db_file).applied(), ElementsAre(name));
}

TEST_F(MigrateCycle, MigratePrintsMigratingThenMigratedForEachUnitInOrder) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto lines = lines_of(result.out);
  ASSERT_GE(lines.size(), 4u) << result;
  EXPECT_EQ(lines[0], "== " + users + ": migrating =======");
  EXPECT_THAT(lines[1], ::testing::MatchesRegex(finished_line(users, "migrated")));
  EXPECT_LT(position(result.out, users + ": migrated"),
            position(result.out, orders + ": migrating"));
  EXPECT_THAT(result.out, ContainsRegex(finished_line(orders, "migrated")));
}

TEST_F(MigrateCycle, MigrateAppliesEveryUnitAndRecordsItInForgeMeta) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("users"));
  EXPECT_TRUE(db().has_table("orders"));
  EXPECT_THAT(db().applied(), ElementsAre(users, orders));
}

TEST_F(MigrateCycle, HistoryRowsHoldAChecksumAUtcTimeAndAnExecutionTime) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto rows = db().history();
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_THAT(row.checksum, ::testing::MatchesRegex("[0-9a-f]{64}")) << row.name;
    EXPECT_THAT(row.applied_at,
                ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9.]+Z"));
    EXPECT_GE(row.execution_ms, 0);
  }
  EXPECT_NE(rows[0].checksum, rows[1].checksum) << "different up sections, different checksums";
}

TEST(Checksum, IsTheSameForAUnitWithWindowsLineEndings) {
  const std::string unix_text =
      unit_sql("CREATE TABLE t (id INTEGER);\nINSERT INTO t VALUES (1);", "DROP TABLE t;");
  std::string windows_text;
  for (char c : unix_text) windows_text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  Project unix_project, windows_project;
  unix_project.write("migrations/1-t.sql", unix_text);
  windows_project.write("migrations/1-t.sql", windows_text);

  ASSERT_EQ(unix_project.forge({"db:migrate", "--url", k_url}).exit_code, 0);
  const auto result = windows_project.forge({"db:migrate", "--url", k_url});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto unix_rows = SqliteProbe(unix_project.path(k_db)).history();
  const auto windows_rows = SqliteProbe(windows_project.path(k_db)).history();
  ASSERT_EQ(unix_rows.size(), 1u);
  ASSERT_EQ(windows_rows.size(), 1u);
  EXPECT_EQ(unix_rows[0].checksum, windows_rows[0].checksum);
  EXPECT_EQ(SqliteProbe(windows_project.path(k_db)).count("t"), 1);
}

TEST_F(MigrateCycle, MigrateRunTwiceSaysUpToDateAndExitsZeroTheSecondTime) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto second = forge_db({"db:migrate"});

  EXPECT_EQ(second.exit_code, 0) << second;
  EXPECT_THAT(second.out, HasSubstr(k_up_to_date)) << second;
  EXPECT_THAT(second.out, Not(HasSubstr("migrating"))) << second;
  EXPECT_THAT(db().applied(), ElementsAre(users, orders));
}

TEST_F(MigrateCycle, StatusListsEveryUnitInOrderAsUpOrDown) {
  ASSERT_EQ(forge_db({"db:migrate", "--step", "1"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(lines_of(result.out), ElementsAre("up " + users, "down " + orders)) << result;
}

TEST_F(MigrateCycle, StatusOnAFreshDatabaseListsEveryUnitAsDown) {
  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(lines_of(result.out), ElementsAre("down " + users, "down " + orders)) << result;
  EXPECT_FALSE(project.exists("db/dev.sqlite3")) << "status only reads: it creates no file";
}

TEST_F(MigrateCycle, UndoRevertsOnlyTheNewestUnit) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("== " + orders + ": reverting =======")) << result;
  EXPECT_THAT(result.out, ContainsRegex(finished_line(orders, "reverted"))) << result;
  EXPECT_THAT(result.out, Not(HasSubstr(users))) << result;
  EXPECT_FALSE(db().has_table("orders"));
  EXPECT_TRUE(db().has_table("users"));
  EXPECT_THAT(db().applied(), ElementsAre(users));
}

TEST_F(MigrateCycle, UndoAllRevertsEveryUnitNewestFirst) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo:all"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_LT(position(result.out, orders + ": reverted"),
            position(result.out, users + ": reverting"))
      << result;
  EXPECT_FALSE(db().has_table("users"));
  EXPECT_FALSE(db().has_table("orders"));
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(MigrateCycle, UndoWithNothingAppliedSaysSoAndExitsZero) {
  const auto result = forge_db({"db:migrate:undo"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("No executed migrations found.")) << result;
}

TEST_F(MigrateCycle, MigrateAfterUndoAllAppliesEverythingAgain) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  ASSERT_EQ(forge_db({"db:migrate:undo:all"}).exit_code, 0);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, ContainsRegex(finished_line(users, "migrated")));
  EXPECT_THAT(result.out, ContainsRegex(finished_line(orders, "migrated")));
  EXPECT_THAT(db().applied(), ElementsAre(users, orders));
}

}  // namespace
}  // namespace forge::e2e
