// Under --wait, a session the server ends mid-run (an administrator's kill, a failover, a
// restart) is an availability error: forge runs the command again and carries on from what the
// history table recorded -- every unit applied once, exit 0. Without --wait: exit 3.
#include <chrono>
#include <thread>

#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;

class WaitRetry : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("20240101000001", "create-a", "a");
    // Long enough for the test to find and end its session on a loaded machine.
    add_unit("20240101000002-slow-b",
             unit_sql("CREATE TABLE b (id INTEGER);\n" + slow_sql(dialect(), 5) +
                          "\nINSERT INTO b (id) VALUES (1);",
                      "DROP TABLE b;"));
  }
  // Ends the server session that runs the slow statement, once it runs: this test's, in its own
  // database (the other tests of the suite, run at once, sleep too).
  void end_the_slow_session() const {
    const bool postgres = dialect() == "postgres";
    const std::string find =
        postgres ? "SELECT pid FROM pg_stat_activity WHERE query LIKE '%pg_sleep(5)%' AND "
                   "pid <> pg_backend_pid() AND datname = current_database()"
                 : "SELECT id FROM information_schema.processlist WHERE info LIKE '%SLEEP(5)%' "
                   "AND id <> CONNECTION_ID() AND db = DATABASE()";
    std::string session;
    ASSERT_TRUE(eventually(
        [&] {
          session = db().scalar(find);
          return !session.empty();
        },
        std::chrono::seconds(20)))
        << "the slow statement never ran";
    db().execute(postgres ? "SELECT pg_terminate_backend(" + session + ")" : "KILL " + session);
  }
};

TEST_P(WaitRetry, ASessionEndedMidRunIsRunAgainUnderWait) {
  auto forge = project.start_forge({"db:migrate", "--wait", "60", "--url", url()});
  end_the_slow_session();
  const auto result = forge->wait();

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("the database became unavailable")) << result;
  EXPECT_THAT(result.err, HasSubstr("running db:migrate again")) << result;
  EXPECT_EQ(db().history().size(), 2u);
  EXPECT_EQ(db().count("b"), 1);
}

TEST_P(WaitRetry, WithoutWaitASessionEndedMidRunExitsThree) {
  auto forge = project.start_forge({"db:migrate", "--url", url()});
  end_the_slow_session();
  const auto result = forge->wait();

  EXPECT_EQ(result.exit_code, 3) << result;
  const auto rerun = forge_db({"db:migrate"});
  EXPECT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(db().count("b"), 1);
}

INSTANTIATE_TEST_SUITE_P(Servers, WaitRetry, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
