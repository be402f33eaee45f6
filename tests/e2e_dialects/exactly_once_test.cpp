// Exactly once on the real binary, as issue 10 reproduced it: a unit whose statements each
// leave a row in a side-effect table, with a slow one in the middle; forge killed (SIGKILL) or
// stopped (SIGTERM) inside it, then a plain rerun. Every row exactly once, no person needed.
// Also what status says meanwhile, and what resolve refuses.
#include <chrono>
#include <csignal>
#include <thread>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// A statement that inserts ('a', 2) slowly (about three seconds).
std::string slow_insert(const std::string& dialect) {
  std::string select = slow_sql(dialect, 3);
  select.pop_back();  // its ';'
  return "INSERT INTO counter SELECT 'a', 2 FROM (" + select + ") s;";
}

class ExactlyOnce : public DialectTest {
 protected:
  // The reproduction, with DDL after the slow statement; `no-transaction` so that
  // SQLite and PostgreSQL run it statement by statement as MySQL must.
  void SetUp() override {
    DialectTest::SetUp();
    unit = add_unit("20240101000001-counter",
                    "-- forge:up transaction:false\n"
                    "CREATE TABLE counter (unit VARCHAR(20), step INT);\n"
                    "INSERT INTO counter VALUES ('a', 1);\n" +
                        slow_insert(dialect()) +
                        "\nINSERT INTO counter VALUES ('a', 3);\n"
                        "ALTER TABLE counter ADD COLUMN note VARCHAR(10);\n"
                        "-- forge:down\nDROP TABLE counter;\n");
  }

  // Waits until forge has sent the slow statement: ('a', 1) is committed, ('a', 2) is not yet.
  ::testing::AssertionResult reaches_the_slow_statement() const {
    const bool reached = eventually(
        [this] {
          try {
            return db().count("counter WHERE step = 1") == 1;
          } catch (const std::exception&) {
            return false;  // not created yet, or SQLite busy
          }
        },
        20s);
    std::this_thread::sleep_for(300ms);  // into the slow statement
    if (reached) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "forge never reached the slow statement";
  }

  void expect_each_step_once() const {
    for (int step = 1; step <= 3; ++step) {
      EXPECT_EQ(db().count("counter WHERE step = " + std::to_string(step)), 1) << "step " << step;
    }
    EXPECT_EQ(db().count("counter"), 3);
    EXPECT_TRUE(db().has_column("counter", "note"));
    EXPECT_EQ(db().state(unit), "applied");
  }

  std::string unit;
};

TEST_P(ExactlyOnce, ARerunAfterSigkillAppliesEveryStatementExactlyOnce) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());
  running.reset();  // SIGKILL

  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "20"});

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  expect_each_step_once();
}

TEST_P(ExactlyOnce, SigtermStopsCleanlyWithExit143AndTheRerunFinishes) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());
  const auto signalled = Clock::now();
  running->signal(SIGTERM);
  const auto stopped = running->wait();

  EXPECT_EQ(stopped.exit_code, 143) << stopped;
  EXPECT_LT(Clock::now() - signalled, 2500ms) << "the slow statement must be cancelled";
  EXPECT_THAT(stopped.err, HasSubstr("stopped by SIGTERM")) << stopped;
  EXPECT_EQ(db().count("counter WHERE step = 2"), 0) << "the cancelled statement rolled back";
  const auto status = forge_db({"db:migrate:status"});
  EXPECT_THAT(status.out, HasSubstr("interrupted " + unit)) << status;
  EXPECT_THAT(status.out, HasSubstr("resumes at statement 3")) << status;

  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "1"});  // the lock is free

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  expect_each_step_once();
}

TEST_P(ExactlyOnce, StatusDuringARunSaysRunningAndNamesTheHolder) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());

  const auto status = forge_db({"db:migrate:status"});

  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("running " + unit)) << status;
  EXPECT_THAT(status.out, HasSubstr("lock is held by")) << status;
  EXPECT_THAT(status.out, Not(HasSubstr("failed"))) << status;
  const auto resolve = forge_db({"db:migrate:resolve", unit, "--rolled-back"});
  EXPECT_EQ(resolve.exit_code, 5) << resolve;
  EXPECT_THAT(resolve.err, HasSubstr("another forge is running")) << resolve;
  EXPECT_EQ(running->wait().exit_code, 0);
  expect_each_step_once();
}

TEST_P(ExactlyOnce, ResolveRefusesToForgetAnAppliedUnit) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto resolve = forge_db({"db:migrate:resolve", unit, "--rolled-back"});

  EXPECT_EQ(resolve.exit_code, 5) << resolve;
  EXPECT_THAT(resolve.err, HasSubstr("is applied")) << resolve;
  EXPECT_EQ(db().state(unit), "applied");
  EXPECT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  expect_each_step_once();
}

INSTANTIATE_TEST_SUITE_P(Dialects, ExactlyOnce, k_all_dialects, dialect_name);

// MariaDB finishes a DDL statement whose client died. The killed run marked it in flight; the
// rerun waits for the dead session, sees in the catalog that the column is there, and goes on
// after it instead of running it again ("Duplicate column name").
class DdlInFlight : public DialectTest {};

TEST_P(DdlInFlight, AKilledRunsDdlIsSettledFromTheCatalogAndNotRunAgain) {
  const std::string unit = add_unit("20240101000001-wide",
                                    "-- forge:up\n"
                                    "CREATE TABLE big AS SELECT seq AS id FROM seq_1_to_3000000;\n"
                                    "ALTER TABLE big ADD COLUMN note VARCHAR(10), ALGORITHM=COPY;\n"
                                    "CREATE TABLE after_ddl (id INT);\n"
                                    "-- forge:down\nDROP TABLE after_ddl;\nDROP TABLE big;\n");
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(eventually(
      [this] {
        return db().scalar(
                   "SELECT count(*) FROM information_schema.processlist WHERE "
                   "info LIKE 'ALTER TABLE big%'") != "0";
      },
      30s))
      << "forge never reached the ALTER TABLE";
  running.reset();  // SIGKILL; the server carries on with the ALTER

  const auto status = forge_db({"db:migrate:status"});
  EXPECT_THAT(status.out, ::testing::AnyOf(HasSubstr("was in flight"), HasSubstr("running")))
      << status;
  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "60", "-v"});

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_THAT(rerun.err + rerun.out, HasSubstr("took effect (the catalog shows it)")) << rerun;
  EXPECT_TRUE(db().has_column("big", "note"));
  EXPECT_TRUE(db().has_table("after_ddl"));
  EXPECT_EQ(db().state(unit), "applied");
}

INSTANTIATE_TEST_SUITE_P(Mysql, DdlInFlight, ::testing::Values("mysql"), dialect_name);

}  // namespace
}  // namespace forge::e2e
