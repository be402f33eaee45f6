// Units that must run outside forge's transaction, or that bring their own.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class Transactions : public ForgeTest {
 protected:
  void SetUp() override { base = add_table_unit("20240101000001", "create-base", "base"); }
  std::string base;
};

TEST_F(Transactions, TransactionFalseOnTheMarkerLetsAVacuumUnitRun) {
  project.write(
      "migrations/20240101000002-vacuum.sql",
      "-- forge:up transaction:false\nVACUUM;\n\n-- forge:down transaction:false\nVACUUM;\n");

  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ElementsAre(base, "20240101000002-vacuum"));

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_THAT(db().applied(), ElementsAre(base));
}

TEST_F(Transactions, TransactionFalseRunsEachStatementOnItsOwnSoEarlierOnesStayOnFailure) {
  project.write("migrations/20240101000002-partial.sql",
                "-- forge:up transaction:false\n"
                "CREATE TABLE partial (id INTEGER);\n"
                "INSERT INTO no_such_table VALUES (1);\n"
                "-- forge:down\n"
                "DROP TABLE partial;\n");

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-partial.sql:3")) << result;
  EXPECT_TRUE(db().has_table("partial")) << "without a transaction nothing is rolled back";
}

TEST_F(Transactions, AVacuumUnitWithoutTheOptionIsRunOutsideATransactionAndSaysSo) {
  project.write("migrations/20240101000002-vacuum.sql", unit_sql("VACUUM;", ""));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("20240101000002-vacuum.sql:2")) << result;
  EXPECT_THAT(db().applied(), ElementsAre(base, "20240101000002-vacuum"));
}

TEST_F(Transactions, PopxAutocommitSegmentRunsTheFileOutsideATransaction) {
  project.write("migrations/20240101000002_vacuum.autocommit.up.sql", "VACUUM;\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().applied(), ElementsAre(base, "20240101000002_vacuum"));
}

TEST_F(Transactions, AUnitWithItsOwnBeginAndCommitRunsAsWritten) {
  project.write("migrations/20240101000002-own-transaction.sql",
                "-- forge:up\n"
                "BEGIN;\n"
                "CREATE TABLE owned (id INTEGER PRIMARY KEY);\n"
                "INSERT INTO owned (id) VALUES (1), (2);\n"
                "COMMIT;\n"
                "\n"
                "-- forge:down\n"
                "BEGIN;\n"
                "DROP TABLE owned;\n"
                "COMMIT;\n");

  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(db().count("owned"), 2);
  EXPECT_THAT(db().applied(), ElementsAre(base, "20240101000002-own-transaction"));

  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("owned"));
}

TEST_F(Transactions, SeveralStatementsOfOneUnitCommitTogether) {
  project.write("migrations/20240101000002-fill.sql",
                unit_sql("CREATE TABLE filled (n INTEGER);\n"
                         "INSERT INTO filled VALUES (1);\n"
                         "INSERT INTO filled VALUES (2);\n"
                         "CREATE TRIGGER no_zero BEFORE INSERT ON filled WHEN NEW.n = 0\n"
                         "BEGIN\n  SELECT RAISE(ABORT, 'zero');\nEND;",
                         "DROP TABLE filled;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("filled"), 2);
  EXPECT_EQ(db().scalar("SELECT count(*) FROM sqlite_master WHERE type='trigger'"), "1");
  ASSERT_EQ(forge_db({"db:migrate:undo:all"}).exit_code, 0);
  EXPECT_THAT(db().applied(), IsEmpty());
}

}  // namespace
}  // namespace forge::e2e
