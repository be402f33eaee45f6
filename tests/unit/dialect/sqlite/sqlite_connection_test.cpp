// The SQLite adapter against real temporary database files: no fakes here.
#include "dialect/sqlite/sqlite_connection.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <future>
#include <thread>

#include "core/errors.hpp"
#include "support/sqlite_url.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect::sqlite {
namespace {

using core::HistoryRow;
using core::Statement;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using namespace std::chrono_literals;

using forge::testing::sqlite_url;

class SqliteConnectionTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteConnection> open() {
    return std::make_unique<SqliteConnection>(sqlite_url(m_db_file));
  }
  static Statement sql(const std::string& text, int line = 1) {
    return Statement{text, "db/1_unit.sql", line};
  }
  static HistoryRow row(const std::string& name, std::string checksum = "sum") {
    HistoryRow r;
    r.name = name;
    r.checksum = std::move(checksum);
    r.applied_at = "2024-03-15T10:23:44.012Z";
    r.execution_ms = 42;
    return r;
  }
  static std::vector<std::string> names(const std::vector<HistoryRow>& rows) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r.name);
    std::sort(out.begin(), out.end());
    return out;
  }
  // True when `table` exists, found by asking SQLite to read it.
  static bool table_exists(SqliteConnection& connection, const std::string& table) {
    try {
      connection.execute(sql("SELECT * FROM " + table));
      return true;
    } catch (const StatementError&) {
      return false;
    }
  }

  testing::TempFolder m_folder;
  std::filesystem::path m_db_file = m_folder.path() / "db" / "test.sqlite3";
  std::unique_ptr<SqliteConnection> m_connection = open();
};

// --- opening ------------------------------------------------------------------------------

TEST_F(SqliteConnectionTest, CreatesTheFileAndItsFolder) {
  m_connection->execute(sql("CREATE TABLE t (x)"));
  EXPECT_TRUE(std::filesystem::exists(m_db_file));
}

TEST_F(SqliteConnectionTest, SpeaksSqliteWithTransactionalDdl) {
  EXPECT_EQ(m_connection->dialect(), core::Dialect::sqlite);
  EXPECT_TRUE(m_connection->capabilities().transactional_ddl);
}

TEST_F(SqliteConnectionTest, RefusesAFileThatIsNotADatabase) {
  const auto bogus = m_folder.write("bogus.sqlite3", std::string(4096, 'x'));
  EXPECT_THROW(
      {
        SqliteConnection connection(sqlite_url(bogus));
        connection.ensure_history("ForgeMeta");
      },
      ConnectionError);
}

TEST_F(SqliteConnectionTest, RefusesAPathItCannotOpen) {
  m_folder.write("blocker", "a file where a folder should be");
  EXPECT_THROW(SqliteConnection(sqlite_url(m_folder.path() / "blocker" / "x.sqlite3")),
               ConnectionError);
}

// SQLite's 2 MB default no longer holds sqlite_master at a few thousand tables, which every
// CREATE reads again.
TEST_F(SqliteConnectionTest, KeepsAnEightMegabytePageCache) {
  const auto rows = m_connection->fetch(sql("PRAGMA cache_size"));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], std::optional<std::string>("-8192"));
}

// Setting the cache reads the schema; with another session holding the file it must neither
// wait for it nor leave the connection without its busy timeout for the statements after.
TEST_F(SqliteConnectionTest, OpensBesideASessionHoldingTheFileAndKeepsItsBusyTimeout) {
  m_connection->execute(sql("CREATE TABLE t (x)"));
  auto holder = open();
  holder->execute(sql("BEGIN EXCLUSIVE"));

  const auto beside = open();

  const auto rows = beside->fetch(sql("PRAGMA busy_timeout"));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], std::optional<std::string>("10000"));
  holder->execute(sql("ROLLBACK"));
  // The holder kept it from reading the schema: SQLite's default cache, not forge's.
  EXPECT_NE(beside->fetch(sql("PRAGMA cache_size")).rows[0][0],
            std::optional<std::string>("-8192"));
}

// --- execute --------------------------------------------------------------------------------

TEST_F(SqliteConnectionTest, ExecutesStatements) {
  m_connection->execute(sql("CREATE TABLE t (x INTEGER NOT NULL)"));
  m_connection->execute(sql("INSERT INTO t VALUES (1)"));
  EXPECT_TRUE(table_exists(*m_connection, "t"));
  EXPECT_FALSE(table_exists(*m_connection, "u"));
}

TEST_F(SqliteConnectionTest, ReportsAFailingStatementWithItsFileAndLine) {
  try {
    m_connection->execute(sql("SELEC 1", 7));
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.file(), "db/1_unit.sql");
    EXPECT_EQ(e.line(), 7);
    EXPECT_THAT(e.server_message(), HasSubstr("syntax error"));
    EXPECT_THAT(e.server_code(), HasSubstr("SQLite code 1"));
    EXPECT_THAT(e.what(), HasSubstr("db/1_unit.sql:7: "));
  }
}

TEST_F(SqliteConnectionTest, ReportsAConstraintFailureWithTheServersMessage) {
  m_connection->execute(sql("CREATE TABLE t (x INTEGER NOT NULL)"));
  try {
    m_connection->execute(sql("INSERT INTO t VALUES (NULL)", 3));
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_THAT(e.server_message(), HasSubstr("NOT NULL constraint failed: t.x"));
  }
}

TEST_F(SqliteConnectionTest, RunsEveryStatementOfAPieceAndReportsTheLineOfTheFailingOne) {
  try {
    m_connection->execute(sql("CREATE TABLE a (x);\n\nSELECT * FROM nowhere", 10));
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.line(), 12);
    EXPECT_THAT(e.server_message(), HasSubstr("no such table: nowhere"));
  }
  EXPECT_TRUE(table_exists(*m_connection, "a"));
}

TEST_F(SqliteConnectionTest, RunsATriggerWithABody) {
  m_connection->execute(sql("CREATE TABLE t (x)"));
  m_connection->execute(sql("CREATE TABLE log (x)"));
  m_connection->execute(
      sql("CREATE TRIGGER t_log AFTER INSERT ON t BEGIN INSERT INTO log VALUES (NEW.x); "
          "SELECT CASE WHEN NEW.x < 0 THEN RAISE(ABORT, 'negative') END; END"));
  m_connection->execute(sql("INSERT INTO t VALUES (1)"));
  EXPECT_THROW(m_connection->execute(sql("INSERT INTO t VALUES (-1)")), StatementError);
}

// --- transactions ---------------------------------------------------------------------------

TEST_F(SqliteConnectionTest, KeepsCommittedWork) {
  {
    auto transaction = m_connection->begin();
    m_connection->execute(sql("CREATE TABLE kept (x)"));
    transaction->commit();
  }
  m_connection.reset();
  auto reopened = open();
  EXPECT_TRUE(table_exists(*reopened, "kept"));
}

TEST_F(SqliteConnectionTest, RollsBackWhenATransactionIsDestroyedWithoutCommit) {
  m_connection->ensure_history("ForgeMeta");
  {
    auto transaction = m_connection->begin();
    m_connection->execute(sql("CREATE TABLE dropped (x)"));
    m_connection->record("ForgeMeta", row("1_a"));
  }
  EXPECT_FALSE(table_exists(*m_connection, "dropped"));
  EXPECT_THAT(m_connection->read_history("ForgeMeta"), IsEmpty());
}

TEST_F(SqliteConnectionTest, RollsBackAfterAFailedStatement) {
  m_connection->ensure_history("ForgeMeta");
  {
    auto transaction = m_connection->begin();
    m_connection->execute(sql("CREATE TABLE half (x)"));
    EXPECT_THROW(m_connection->execute(sql("INSERT INTO nowhere VALUES (1)")), StatementError);
  }
  EXPECT_FALSE(table_exists(*m_connection, "half"));
  // The session is usable again afterwards.
  auto transaction = m_connection->begin();
  m_connection->record("ForgeMeta", row("2_b"));
  transaction->commit();
  EXPECT_THAT(names(m_connection->read_history("ForgeMeta")), ElementsAre("2_b"));
}

// --- history ----------------------------------------------------------------------------------

TEST_F(SqliteConnectionTest, ReadsNoHistoryFromAFreshDatabase) {
  EXPECT_THAT(m_connection->read_history("ForgeMeta"), IsEmpty());
  EXPECT_FALSE(table_exists(*m_connection, "ForgeMeta"));
}

TEST_F(SqliteConnectionTest, EnsuresTheHistoryTableOnce) {
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("1_a"));
  m_connection->ensure_history("ForgeMeta");
  EXPECT_THAT(names(m_connection->read_history("ForgeMeta")), ElementsAre("1_a"));
}

TEST_F(SqliteConnectionTest, RecordsAndReadsBackEveryColumn) {
  m_connection->ensure_history("ForgeMeta");
  HistoryRow written = row("20240315102344-add-codes", "abc123");
  written.execution_ms = 1234;
  m_connection->record("ForgeMeta", written);
  const auto rows = m_connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "20240315102344-add-codes");
  EXPECT_EQ(rows[0].checksum, "abc123");
  EXPECT_EQ(rows[0].applied_at, "2024-03-15T10:23:44.012Z");
  EXPECT_EQ(rows[0].execution_ms, 1234);
}

TEST_F(SqliteConnectionTest, KeepsHistoryAcrossSessions) {
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("1_a"));
  m_connection.reset();
  EXPECT_THAT(names(open()->read_history("ForgeMeta")), ElementsAre("1_a"));
}

TEST_F(SqliteConnectionTest, ErasesOneRow) {
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("1_a"));
  m_connection->record("ForgeMeta", row("2_b"));
  m_connection->erase("ForgeMeta", "1_a");
  EXPECT_THAT(names(m_connection->read_history("ForgeMeta")), ElementsAre("2_b"));
}

TEST_F(SqliteConnectionTest, KeepsAnErasedRowWhenTheTransactionRollsBack) {
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("1_a"));
  {
    auto transaction = m_connection->begin();
    m_connection->erase("ForgeMeta", "1_a");
  }
  EXPECT_THAT(names(m_connection->read_history("ForgeMeta")), ElementsAre("1_a"));
}

TEST_F(SqliteConnectionTest, ReplacesTheRowOfAUnitRecordedAgain) {
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("1_a", "first"));
  m_connection->record("ForgeMeta", row("1_a", "second"));
  const auto rows = m_connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].checksum, "second");
}

TEST_F(SqliteConnectionTest, KeepsHistoryTablesApartAndQuotesTheirNames) {
  m_connection->ensure_history("SequelizeMeta");
  m_connection->ensure_history("odd \"meta\" table");
  m_connection->record("SequelizeMeta", row("1_a"));
  m_connection->record("odd \"meta\" table", row("2_b"));
  EXPECT_THAT(names(m_connection->read_history("SequelizeMeta")), ElementsAre("1_a"));
  EXPECT_THAT(names(m_connection->read_history("odd \"meta\" table")), ElementsAre("2_b"));
  EXPECT_THAT(m_connection->read_history("ForgeMeta"), IsEmpty());
}

TEST_F(SqliteConnectionTest, UpgradesAHistoryTableWrittenByAnEarlierForgeKeepingItsRows) {
  m_connection->execute(
      sql("CREATE TABLE ForgeMeta (name TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, "
          "applied_at TEXT NOT NULL, execution_ms INTEGER NOT NULL)"));
  m_connection->execute(
      sql("INSERT INTO ForgeMeta VALUES ('1_old', 'c', '2024-01-01T00:00:00.000Z', 3)"));
  const auto before = m_connection->read_history("ForgeMeta");
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].state, core::RowState::applied);
  m_connection->ensure_history("ForgeMeta");
  m_connection->record("ForgeMeta", row("2_new"));
  EXPECT_THAT(names(m_connection->read_history("ForgeMeta")), ElementsAre("1_old", "2_new"));
}

// --- lock ---------------------------------------------------------------------------------------

TEST_F(SqliteConnectionTest, TimesOutWhileAnotherSessionHoldsTheLockAndSucceedsAfterRelease) {
  auto held = m_connection->lock(1s);
  auto other_session = [this](std::chrono::milliseconds wait) {
    return std::async(std::launch::async, [this, wait] {
      auto other = open();
      const auto started = std::chrono::steady_clock::now();
      try {
        auto lock = other->lock(wait);
        return std::string("locked");
      } catch (const LockTimeout& e) {
        const auto waited = std::chrono::steady_clock::now() - started;
        return std::string(waited >= wait ? "timed out after the wait: " : "timed out early: ") +
               e.what();
      }
    });
  };
  EXPECT_THAT(other_session(200ms).get(),
              AllOf(HasSubstr("timed out after the wait"), HasSubstr("test.sqlite3")));
  held.reset();
  EXPECT_EQ(other_session(2s).get(), "locked");
}

TEST_F(SqliteConnectionTest, GetsTheLockOnceAWaitingHolderReleasesIt) {
  auto held = m_connection->lock(1s);
  auto waiter = std::async(std::launch::async, [this] {
    auto other = open();
    auto lock = other->lock(5s);
    return true;
  });
  std::this_thread::sleep_for(150ms);
  held.reset();
  EXPECT_TRUE(waiter.get());
}

TEST_F(SqliteConnectionTest, IsReleasedWhenTheHoldingProcessDies) {
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    SqliteConnection connection(sqlite_url(m_db_file));
    auto lock = connection.lock(1s);
    const char byte = 'L';
    if (::write(ready[1], &byte, 1) != 1) ::_exit(2);
    for (;;) ::pause();
  }
  ::close(ready[1]);
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  ::close(ready[0]);
  EXPECT_THROW(m_connection->lock(100ms), LockTimeout);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_NO_THROW(m_connection->lock(2s));
}

}  // namespace
}  // namespace forge::dialect::sqlite
