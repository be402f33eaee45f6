// The everyday cycle on every dialect: migrate, status, undo, undo:all, migrate again.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const char* k_up_to_date = "No migrations were executed, database schema was already up to date.";

class Cycle : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    users = add_table_unit("20240101000001", "create-users", "users");
    orders = add_table_unit("20240101000002", "create-orders", "orders");
    items = add_table_unit("20240101000003", "create-items", "items");
  }
  std::vector<std::string> status_lines() const {
    return lines_of(forge_db({"db:migrate:status"}).out);
  }

  std::string users, orders, items;
};

std::string finished(const std::string& name, const std::string& verb) {
  return "== " + name + ": " + verb + " \\([0-9]+\\.[0-9]{3}s\\)";
}

TEST_P(Cycle, MigrateStatusUndoUndoAllAndMigrateAgainEachDoWhatTheySay) {
  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(migrated.out, ContainsRegex(finished(items, "migrated"))) << migrated;
  EXPECT_TRUE(db().has_table("users") && db().has_table("orders") && db().has_table("items"));
  EXPECT_THAT(db().history(), ElementsAre(users, orders, items));
  EXPECT_THAT(status_lines(), ElementsAre("up " + users, "up " + orders, "up " + items));

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_THAT(undone.out, ContainsRegex(finished(items, "reverted"))) << undone;
  EXPECT_FALSE(db().has_table("items"));
  EXPECT_THAT(db().history(), ElementsAre(users, orders));
  EXPECT_THAT(status_lines(), ElementsAre("up " + users, "up " + orders, "down " + items));

  const auto undone_all = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(undone_all.exit_code, 0) << undone_all;
  EXPECT_THAT(undone_all.out, ContainsRegex(finished(users, "reverted"))) << undone_all;
  EXPECT_FALSE(db().has_table("users") || db().has_table("orders"));
  EXPECT_THAT(db().history(), IsEmpty());

  const auto again = forge_db({"db:migrate"});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(occurrences(again.out, ": migrated ("), 3u) << again;
  EXPECT_THAT(db().history(), ElementsAre(users, orders, items));
}

TEST_P(Cycle, ASecondMigrateSaysNothingWasExecutedAndChangesNothing) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto second = forge_db({"db:migrate"});

  EXPECT_EQ(second.exit_code, 0) << second;
  EXPECT_THAT(second.out, HasSubstr(k_up_to_date)) << second;
  EXPECT_THAT(second.out, Not(HasSubstr("migrating"))) << second;
  EXPECT_THAT(db().history(), ElementsAre(users, orders, items));
}

TEST_P(Cycle, MigrateToAUnitAppliesUpToAndIncludingIt) {
  const auto result = forge_db({"db:migrate", "--to", orders});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().history(), ElementsAre(users, orders));
  EXPECT_FALSE(db().has_table("items"));
}

TEST_P(Cycle, MigrateStepOneAppliesOnlyTheNextUnit) {
  ASSERT_EQ(forge_db({"db:migrate", "--step", "1"}).exit_code, 0);
  const auto result = forge_db({"db:migrate", "--step", "1"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().history(), ElementsAre(users, orders));
  EXPECT_THAT(status_lines(), ElementsAre("up " + users, "up " + orders, "down " + items));
}

TEST_P(Cycle, UndoStepTwoRevertsTheTwoNewestUnits) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo", "--step", "2"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().history(), ElementsAre(users));
  EXPECT_FALSE(db().has_table("orders"));
  EXPECT_TRUE(db().has_table("users"));
}

TEST_P(Cycle, UndoAllToAUnitRevertsDownToAndIncludingIt) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto result = forge_db({"db:migrate:undo:all", "--to", orders});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().history(), ElementsAre(users));
  EXPECT_THAT(status_lines(), ElementsAre("up " + users, "down " + orders, "down " + items));
}

TEST_P(Cycle, HistoryRowsRecordEachUnitAsAppliedWithItsChecksum) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  for (const auto& name : {users, orders, items}) {
    EXPECT_EQ(db().state(name), "applied") << name;
  }
  const std::string meta = dialect() == "postgres" ? "\"ForgeMeta\"" : "ForgeMeta";
  EXPECT_THAT(db().scalar("SELECT checksum FROM " + meta + " WHERE name = '" + users + "'"),
              ::testing::MatchesRegex("[0-9a-f]{64}"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, Cycle, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
