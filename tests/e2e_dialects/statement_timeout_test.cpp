// --statement-timeout (and "statementTimeout" in the config): the database stops a statement
// that runs longer, forge exits 1 naming the unit's file:line, and the wait for the migration
// lock is not bounded by it (--lock-timeout is).
#include <chrono>
#include <thread>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class StatementTimeout : public DialectTest {
 protected:
  // Line 2 creates a table, line 3 is the slow statement.
  void SetUp() override {
    DialectTest::SetUp();
    add_unit("1-slow",
             unit_sql(create_table("t1") + "\n" + slow_sql(dialect(), 5), "DROP TABLE t1;"));
  }
};

TEST_P(StatementTimeout, StopsASlowStatementAndNamesItsFileAndLine) {
  const auto started = Clock::now();
  const auto result = forge_db({"db:migrate", "--statement-timeout", "1"});
  const auto took = Clock::now() - started;

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/1-slow.sql:3")) << result;
  EXPECT_THAT(result.err, HasSubstr("ran longer than --statement-timeout (1 s)")) << result;
  EXPECT_LT(took, 2500ms) << "the statement ran on past the timeout";
  EXPECT_NE(db().state("1-slow"), "applied");
}

TEST_P(StatementTimeout, LetsTheSameStatementFinishWithoutALimit) {
  ASSERT_EQ(forge_db({"db:migrate", "--statement-timeout", "1"}).exit_code, 1);

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(db().history(), ElementsAre("1-slow"));
  EXPECT_EQ(db().state("1-slow"), "applied");
}

TEST_P(StatementTimeout, ReadsTheLimitFromTheEnvironmentsConfig) {
  project.write("forge.json",
                R"({"development": {"url": ")" + url() + R"(", "statementTimeout": 1}})");

  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("ran longer than --statement-timeout (1 s)")) << result;
}

TEST_P(StatementTimeout, DoesNotBoundTheWaitForTheMigrationLock) {
  auto holder = project.start_forge({"db:migrate", "--url", url()});  // runs the slow unit
  // It starts in milliseconds, then holds the lock for about 5 s (SQLite counts instead of
  // sleeping: under load or on a fast machine that may be half as long, still past 1.5 s).
  std::this_thread::sleep_for(1s);
  const auto started = Clock::now();

  const auto waiter = forge_db({"db:migrate", "--statement-timeout", "1", "--lock-timeout", "20"});

  EXPECT_EQ(waiter.exit_code, 0) << waiter;
  EXPECT_GT(Clock::now() - started, 1500ms) << "the second forge never waited for the lock";
  const auto held = holder->wait();
  EXPECT_EQ(held.exit_code, 0) << held;
  EXPECT_EQ(db().state("1-slow"), "applied");
}

INSTANTIATE_TEST_SUITE_P(AllDialects, StatementTimeout, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
