// Faults in the middle of a unit, on the real binary: forge killed with SIGKILL while a unit's
// slow statement runs, and the server's connection cut under a running forge (through a
// CuttableProxy). Afterwards no migration lock may be left behind, and the next db:migrate
// (after whatever db:migrate:status says to do) must leave the database fully migrated with
// every unit applied exactly once.
//
// The unit in the middle does DDL and an INSERT, then a slow statement, then more DDL; the
// units around it let the tests see that the run stopped exactly there. Every wait is bounded.
#include <chrono>
#include <thread>

#include "core/url.hpp"
#include "cuttable_proxy.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const char* k_password = "forge-test-pw";  // the throwaway servers' password (scripts/test)

class Fault : public DialectTest {
 protected:
  // log <- first; middle: CREATE k1, INSERT, slow (line 4), CREATE k2; last: INSERT.
  void SetUp() override {
    DialectTest::SetUp();
    first = add_unit("20240101000001-create-log",
                     unit_sql("CREATE TABLE log (unit INTEGER NOT NULL);", "DROP TABLE log;"));
    middle = add_unit("20240101000002-slow-middle",
                      unit_sql(create_table("k1") + "\nINSERT INTO log (unit) VALUES (2);\n" +
                                   slow_sql(dialect(), 5) + "\n" + create_table("k2"),
                               "DROP TABLE k2;\nDELETE FROM log WHERE unit = 2;\nDROP TABLE k1;"));
    last = add_unit("20240101000003-insert-3", unit_sql("INSERT INTO log (unit) VALUES (3);",
                                                        "DELETE FROM log WHERE unit = 3;"));
  }

  // True while another session runs the middle unit's slow statement. SQLite shows no other
  // session's statements; forge's unit transaction (BEGIN IMMEDIATE) holds the write lock.
  bool slow_statement_running() const {
    if (dialect() == "postgres") {
      return others(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
          "AND state = 'active' AND query LIKE 'SELECT pg_sleep%'");
    }
    if (dialect() == "mysql") {
      return others(
          "SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() "
          "AND info LIKE 'SELECT SLEEP%'");
    }
    return sqlite_write_locked();
  }

  // True while any other session is connected to the database (and may hold the lock).
  bool other_sessions() const {
    if (dialect() == "postgres") {
      return others(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
          "AND pid <> pg_backend_pid()");
    }
    if (dialect() == "mysql") {
      return others(
          "SELECT count(*) FROM information_schema.processlist WHERE db = DATABASE() "
          "AND id <> CONNECTION_ID()");
    }
    return sqlite_write_locked();
  }

  bool others(const std::string& count_sql) const { return db().scalar(count_sql) != "0"; }

  bool sqlite_write_locked() const {
    try {
      db().execute("BEGIN IMMEDIATE");  // the probe's session ends at once, rolling it back
      return false;
    } catch (const std::exception&) {
      return true;  // SQLITE_BUSY
    }
  }

  bool first_recorded() const {
    try {
      return db().state(first) == "applied";
    } catch (const std::exception&) {
      return false;  // SQLite: forge was committing just then
    }
  }

  // Waits until forge has recorded the first unit and is inside the middle one's slow statement.
  ::testing::AssertionResult reaches_the_slow_statement() const {
    if (eventually([this] { return first_recorded() && slow_statement_running(); }, 20s)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "forge never reached the slow statement of " << middle;
  }

  // Waits until the server has ended the session that ran the slow statement (MariaDB notices a
  // vanished client only when it next talks to it, here once the sleep is over; PostgreSQL 14+
  // polls the socket, as forge asks it to, and cancels the statement within a second).
  ::testing::AssertionResult the_old_session_ends() const {
    if (eventually([this] { return !other_sessions(); }, 15s)) {
      return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure() << "the server kept the killed forge's session";
  }

  // The whole job done, each unit once.
  void expect_fully_migrated() const {
    EXPECT_THAT(db().history(), ElementsAre(first, middle, last));
    EXPECT_EQ(db().state(middle), "applied");
    EXPECT_TRUE(db().has_table("k1"));
    EXPECT_TRUE(db().has_table("k2"));
    EXPECT_EQ(db().count("log WHERE unit = 2"), 1);
    EXPECT_EQ(db().count("log WHERE unit = 3"), 1);
  }

  std::string first, middle, last;
};

// ---- SIGKILL inside a unit that runs in a transaction (SQLite, PostgreSQL) ----

class KilledInsideATransaction : public Fault {};

TEST_P(KilledInsideATransaction, LeavesNeitherTheUnitNorALockAndTheNextMigrateAppliesIt) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());
  const auto killed_at = Clock::now();
  running.reset();  // SIGKILL, and reaped
  ASSERT_TRUE(the_old_session_ends());
  if (dialect() == "postgres") {  // forge sets client_connection_check_interval (PostgreSQL 14+)
    EXPECT_LT(Clock::now() - killed_at, 3s) << "the server outwaited the killed forge's statement";
  }

  const auto status = forge_db({"db:migrate:status"});
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out), ElementsAre("up " + first, "down " + middle, "down " + last))
      << status;
  EXPECT_FALSE(db().has_table("k1")) << "the killed unit's first statement must be rolled back";
  EXPECT_EQ(db().count("log"), 0);
  EXPECT_THAT(db().history(), ElementsAre(first));

  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "5"});

  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_THAT(rerun.out, HasSubstr("== " + middle + ": migrated")) << rerun;
  EXPECT_THAT(rerun.out, Not(HasSubstr(first))) << rerun;
  expect_fully_migrated();
}

INSTANTIATE_TEST_SUITE_P(Transactional, KilledInsideATransaction,
                         ::testing::Values("sqlite", "postgres"), dialect_name);

// ---- SIGKILL inside a unit that runs statement by statement (MySQL / MariaDB) ----

class KilledOutsideATransaction : public Fault {};

// What the kill leaves: MySQL committed the DDL and the INSERT before the slow statement, and
// forge had no chance to record the unit at all, neither applied nor failed.
TEST_P(KilledOutsideATransaction, LeavesTheStatementsBeforeTheKillInEffectAndNoLock) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());
  running.reset();
  ASSERT_TRUE(the_old_session_ends());

  EXPECT_TRUE(db().has_table("k1"));
  EXPECT_EQ(db().count("log WHERE unit = 2"), 1);
  EXPECT_FALSE(db().has_table("k2"));
  EXPECT_NE(db().state(middle), "applied");
  const auto status = forge_db({"db:migrate:status"});
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out),
              ElementsAre("up " + first, Not(StartsWith("up ")), "down " + last))
      << status;
}

// README's promise ("Transactions, per database" and db:migrate:status): whatever state status
// reports for the killed unit, doing what forge says leads to a fully migrated database.
// Without the progress row written before each further statement, the kill left no row, status
// showed the unit as `down`, and the rerun failed on CREATE TABLE k1 ("already exists").
TEST_P(KilledOutsideATransaction, DoingWhatStatusSaysLeadsToAFullyMigratedDatabase) {
  auto running = project.start_forge({"db:migrate", "--url", url()});
  ASSERT_TRUE(reaches_the_slow_statement());
  running.reset();
  ASSERT_TRUE(the_old_session_ends());
  const auto status = forge_db({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;

  // Both `down` (pending) and `failed` (resumable) tell the user to run db:migrate again.
  const auto rerun = forge_db({"db:migrate", "--lock-timeout", "5"});

  EXPECT_EQ(rerun.exit_code, 0) << "status said:\n" << status.out << rerun;
  EXPECT_THAT(rerun.err, Not(HasSubstr("already exists"))) << rerun;
  expect_fully_migrated();
}

INSTANTIATE_TEST_SUITE_P(StatementByStatement, KilledOutsideATransaction,
                         ::testing::Values("mysql"), dialect_name);

// ---- The server's connection cut mid-unit (PostgreSQL, MariaDB) ----

class ServerGoneMidUnit : public Fault {
 protected:
  int server_port() const { return core::parse_database_url(url()).port.value(); }
  std::string database() const { return core::parse_database_url(url()).database; }

  // Runs forge through `proxy` until it is inside the slow statement, cuts the proxy, and
  // returns what forge did then and how long it took to give up.
  std::pair<ProcessResult, Clock::duration> migrate_and_cut(CuttableProxy& proxy) {
    auto running = project.start_forge({"db:migrate", "--url", with_port(url(), proxy.port())});
    if (!reaches_the_slow_statement()) return {ProcessResult{}, Clock::duration::max()};
    const auto cut_at = Clock::now();
    proxy.cut();
    ProcessResult result = running->wait();  // bounded by the spec's timeout
    return {result, Clock::now() - cut_at};
  }
};

TEST_P(ServerGoneMidUnit, ForgeExitsThreeAtOnceNamingTheDatabaseWithoutItsPassword) {
  CuttableProxy proxy(server_port());

  const auto [result, took] = migrate_and_cut(proxy);

  ASSERT_NE(took, Clock::duration::max()) << "forge never reached the slow statement";
  EXPECT_FALSE(result.timed_out) << result;
  EXPECT_EQ(result.signal, 0) << "forge crashed" << result;
  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_LT(took, 4s) << "forge must notice the lost connection, not outwait the statement";
  EXPECT_THAT(result.err, HasSubstr("lost the connection")) << result;
  EXPECT_THAT(result.err, HasSubstr("127.0.0.1:" + std::to_string(proxy.port()) + "/" + database()))
      << result;
  EXPECT_THAT(result.err + result.out, Not(HasSubstr(k_password))) << result;
  EXPECT_THAT(result.err, HasSubstr("while applying " + middle + " at ")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("client encoding"))) << "libpqxx's words, not the cause";
  EXPECT_THAT(result.out, HasSubstr("== " + first + ": migrated")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("== " + middle + ": migrated"))) << result;
}

// After the cut the server still runs the old session's slow statement; it ends that session
// (rolling back its transaction, releasing its lock) once the statement is over. The rerun
// must wait for that lock, not time out on it (exit 4), and not fail on the killed unit.
// On MariaDB the progress row is what makes this work: the rerun resumes the middle unit after
// CREATE TABLE k1 instead of starting it over.
TEST_P(ServerGoneMidUnit, OnceTheServerIsBackTheNextMigrateFinishesTheJob) {
  CuttableProxy proxy(server_port());
  const auto [cut, took] = migrate_and_cut(proxy);
  ASSERT_EQ(cut.exit_code, 3) << cut;

  proxy.restore();
  const auto rerun = project.forge(
      {"db:migrate", "--lock-timeout", "10", "--url", with_port(url(), proxy.port())});

  EXPECT_NE(rerun.exit_code, 4) << "the cut session's lock outlived it" << rerun;
  ASSERT_EQ(rerun.exit_code, 0) << rerun;
  EXPECT_EQ(occurrences(rerun.out, ": migrated ("), 2u) << rerun;
  EXPECT_THAT(rerun.out, Not(HasSubstr(first))) << rerun;
  EXPECT_GE(proxy.accepted(), 2) << "the rerun must have come through the proxy";
  expect_fully_migrated();
}

INSTANTIATE_TEST_SUITE_P(Servers, ServerGoneMidUnit, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
