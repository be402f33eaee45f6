// Another session holds the migration lock: forge waits --lock-timeout, then exits 4 having
// applied nothing, and says who holds the lock.
#include <unistd.h>

#include <chrono>

#include "core/url.hpp"
#include "dialect/mysql/mysql_sql.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class HeldLock : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("20240101000001", "create-t", "t");
  }

  // What the timeout message must name for a person to find the holder.
  std::string holder_hint() const {
    const auto parsed = core::parse_database_url(url());
    if (dialect() == "postgres") {
      return "held by server process " +
             db().scalar(
                 "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND "
                 "database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }
    if (dialect() == "mysql") {
      return "held by connection " + db().scalar("SELECT IS_USED_LOCK('" +
                                                 dialect::mysql::lock_name(parsed.database) + "')");
    }
    return "held by pid " + std::to_string(::getpid());  // this test's own session holds it
  }
};

TEST_P(HeldLock, MakesForgeExitFourAfterTheTimeoutHavingAppliedNothing) {
  const auto other = connect();
  const auto lock = other->lock(1s);

  const auto result = forge_db({"db:migrate", "--lock-timeout", "1"});

  EXPECT_EQ(result.exit_code, 4) << result;
  EXPECT_THAT(result.err, HasSubstr("another forge held the migration lock")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("migrating"))) << result;
  EXPECT_FALSE(db().has_table("t"));
  EXPECT_THAT(db().history(), IsEmpty());
}

TEST_P(HeldLock, TheWaitingLineAndTheTimeoutMessageSayWhoToLookFor) {
  const auto other = connect();
  const auto lock = other->lock(1s);
  const std::string hint = holder_hint();

  const auto result = forge_db({"db:migrate", "--lock-timeout", "1"});

  ASSERT_EQ(result.exit_code, 4) << result;
  EXPECT_THAT(result.err, HasSubstr("waiting for the migration lock")) << result;
  EXPECT_EQ(occurrences(result.err, hint), 2u) << result;
  // PostgreSQL's holder is found in pg_locks, then described from pg_stat_activity.
  if (dialect() == "postgres") {
    EXPECT_THAT(result.err, HasSubstr(", user postgres, from ")) << result;
    EXPECT_THAT(result.err, HasSubstr(", connected since 20")) << result;
  }
}

TEST_P(HeldLock, ForgeProceedsOnceTheOtherSessionHasLetGo) {
  {
    const auto other = connect();
    const auto lock = other->lock(1s);
    ASSERT_EQ(forge_db({"db:migrate", "--lock-timeout", "1"}).exit_code, 4);
  }

  const auto result = forge_db({"db:migrate", "--lock-timeout", "1"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("t"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, HeldLock, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
