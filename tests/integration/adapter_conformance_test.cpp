// One behaviour suite that every adapter must pass, run against a real SQLite file and real
// PostgreSQL and MariaDB servers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>

#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "db_probe.hpp"
#include "test_database.hpp"

namespace forge::integration {
namespace {

using forge::testing::TestDatabase;
using namespace std::chrono_literals;
using ::testing::HasSubstr;

class AdapterConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = std::make_unique<TestDatabase>(GetParam());
    connection = database->connect();
  }

  void run(const std::string& sql, int line = 1) {
    connection->execute(core::Statement{sql, "test.sql", line});
  }

  // What another session sees.
  long rows_in(const std::string& from_where) {
    return testing::count_rows(database->url(), from_where);
  }

  bool table_exists(const std::string& table) {
    switch (database->dialect()) {
      case core::Dialect::sqlite:
        return rows_in("sqlite_master WHERE type = 'table' AND name = '" + table + "'") == 1;
      case core::Dialect::postgres:
        return rows_in("pg_tables WHERE tablename = '" + table + "'") == 1;
      case core::Dialect::mysql:
        return rows_in(
                   "information_schema.tables WHERE table_schema = DATABASE() AND table_name = '" +
                   table + "'") == 1;
    }
    return false;
  }

  core::HistoryRow row(const std::string& name) {
    core::HistoryRow r;
    r.name = name;
    r.checksum = std::string(64, 'a');
    r.applied_at = "2024-03-15T10:23:44.012Z";
    r.execution_ms = 12;
    return r;
  }

  std::unique_ptr<TestDatabase> database;
  std::unique_ptr<core::Connection> connection;
};

TEST_P(AdapterConformance, ReadingHistoryOfAFreshDatabaseGivesNoRows) {
  EXPECT_TRUE(connection->read_history("ForgeMeta").empty());
}

// The history tables a run chooses between, told of in one round trip where the dialect can:
// the same columns and the same pinned name as asking about each table alone.
TEST_P(AdapterConformance, DescribingHistoryTablesAtOnceTellsWhatAskingEachAloneTells) {
  connection->ensure_history("ForgeMeta");
  const char* quote = database->dialect() == core::Dialect::mysql ? "`" : "\"";
  run(std::string("CREATE TABLE ") + quote + "SequelizeMeta" + quote +
      " (name VARCHAR(255) NOT NULL PRIMARY KEY)");
  const auto fresh = database->connect();  // nothing pinned on it yet

  const auto described = fresh->describe_history({"ForgeMeta", "SequelizeMeta", "NoSuchMeta"});

  if (database->dialect() == core::Dialect::sqlite) {
    EXPECT_TRUE(described.empty()) << "SQLite asks about each table alone";
    return;
  }
  ASSERT_EQ(described.size(), 3u);
  const std::vector<std::string> forge_columns = {
      "name",  "checksum",        "applied_at",       "execution_ms",
      "state", "statements_done", "statement_hashes", "progress"};
  EXPECT_EQ(described.at("ForgeMeta"), forge_columns);
  EXPECT_EQ(described.at("SequelizeMeta"), std::vector<std::string>{"name"});
  EXPECT_TRUE(described.at("NoSuchMeta").empty());
  // Pinned as the per-table question pins a table (on a connection that never asked it).
  for (const char* table : {"ForgeMeta", "SequelizeMeta", "NoSuchMeta"}) {
    EXPECT_EQ(fresh->pinned_history_table(table), database->connect()->pinned_history_table(table))
        << table;
  }
  EXPECT_NE(fresh->pinned_history_table("ForgeMeta"), "ForgeMeta") << "not pinned to a schema";
}

TEST_P(AdapterConformance, HistoryRowsRoundTripWithTheirMeaningIntact) {
  connection->ensure_history("ForgeMeta");
  connection->ensure_history("ForgeMeta");  // idempotent
  connection->record("ForgeMeta", row("20240315102344-add-codes"));
  const auto rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "20240315102344-add-codes");
  EXPECT_EQ(rows[0].checksum, std::string(64, 'a'));
  EXPECT_EQ(rows[0].applied_at, "2024-03-15T10:23:44.012Z");
  EXPECT_EQ(rows[0].execution_ms, 12);
  EXPECT_EQ(rows[0].state, core::RowState::applied);
}

TEST_P(AdapterConformance, RecordingANameAgainReplacesItsRow) {
  connection->ensure_history("ForgeMeta");
  auto failed = row("2_b");
  failed.state = core::RowState::failed;
  failed.statements_done = 2;
  failed.statement_hashes = "h1,h2";
  connection->record("ForgeMeta", failed);
  auto rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, core::RowState::failed);
  EXPECT_EQ(rows[0].statements_done, 2);
  EXPECT_EQ(rows[0].statement_hashes, "h1,h2");

  connection->record("ForgeMeta", row("2_b"));
  rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, core::RowState::applied);
  EXPECT_EQ(rows[0].statements_done, 0);
}

// On a cluster, a forge that lost the race once wrote its failed row over the winner's applied
// one, and every later deploy stopped at it.
TEST_P(AdapterConformance, AFailedOrRunningRowNeverReplacesAnAppliedOne) {
  connection->ensure_history("ForgeMeta");
  connection->record("ForgeMeta", row("3_c"));
  for (const auto state : {core::RowState::failed, core::RowState::running}) {
    auto loser = row("3_c");
    loser.state = state;
    loser.statements_done = 1;
    loser.checksum = std::string(64, 'b');
    connection->record("ForgeMeta", loser);
    const auto rows = connection->read_history("ForgeMeta");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, core::RowState::applied);
    EXPECT_EQ(rows[0].checksum, std::string(64, 'a'));
    EXPECT_EQ(rows[0].statements_done, 0);
  }
}

TEST_P(AdapterConformance, ADownRunsRevertingRowStillReplacesAnAppliedOne) {
  connection->ensure_history("ForgeMeta");
  connection->record("ForgeMeta", row("4_d"));
  auto reverting = row("4_d");
  reverting.state = core::RowState::reverting;
  reverting.statements_done = 1;
  connection->record("ForgeMeta", reverting);
  const auto rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, core::RowState::reverting);
  EXPECT_EQ(rows[0].statements_done, 1);
}

TEST_P(AdapterConformance, ErasingARowRemovesOnlyThatRow) {
  connection->ensure_history("ForgeMeta");
  connection->record("ForgeMeta", row("1_a"));
  connection->record("ForgeMeta", row("2_b"));
  connection->erase("ForgeMeta", "1_a");
  const auto rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "2_b");
}

TEST_P(AdapterConformance, ATableNamedByTheUserIsQuotedExactly) {
  const std::string table = "Forge Meta \"v2\"";
  connection->ensure_history(table);
  connection->record(table, row("1_a"));
  EXPECT_EQ(connection->read_history(table).size(), 1u);
  EXPECT_TRUE(connection->read_history("ForgeMeta").empty());
}

// A history table as the first forge wrote it: four columns, no state.
std::string first_release_table_sql(core::Dialect dialect) {
  switch (dialect) {
    case core::Dialect::sqlite:
      return "CREATE TABLE ForgeMeta (name TEXT NOT NULL PRIMARY KEY, checksum TEXT NOT NULL, "
             "applied_at TEXT NOT NULL, execution_ms INTEGER NOT NULL)";
    case core::Dialect::postgres:
      return "CREATE TABLE \"ForgeMeta\" (name VARCHAR(255) NOT NULL PRIMARY KEY, checksum "
             "VARCHAR(64) NOT NULL, applied_at TIMESTAMPTZ NOT NULL, execution_ms BIGINT NOT NULL)";
    case core::Dialect::mysql:
      return "CREATE TABLE ForgeMeta (name VARCHAR(191) NOT NULL PRIMARY KEY, checksum CHAR(64) "
             "NOT NULL, applied_at DATETIME(3) NOT NULL, execution_ms BIGINT NOT NULL)";
  }
  return {};
}

TEST_P(AdapterConformance, AHistoryTableFromTheFirstReleaseIsUpgradedInPlaceKeepingItsRows) {
  run(first_release_table_sql(database->dialect()));
  run("INSERT INTO " +
      std::string(database->dialect() == core::Dialect::postgres ? "\"ForgeMeta\"" : "ForgeMeta") +
      " (name, checksum, applied_at, execution_ms) VALUES ('1_old', 'abc', '2024-01-02 03:04:05', "
      "7)");
  // Before the upgrade the old table is still readable (status never writes).
  ASSERT_EQ(connection->read_history("ForgeMeta").size(), 1u);

  connection->ensure_history("ForgeMeta");
  auto failed = row("2_new");
  failed.state = core::RowState::failed;
  failed.statements_done = 1;
  connection->record("ForgeMeta", failed);

  const auto rows = connection->read_history("ForgeMeta");
  ASSERT_EQ(rows.size(), 2u);
  const auto& old = rows[0].name == "1_old" ? rows[0] : rows[1];
  const auto& added = rows[0].name == "1_old" ? rows[1] : rows[0];
  EXPECT_EQ(old.checksum, "abc");
  EXPECT_EQ(old.execution_ms, 7);
  EXPECT_EQ(old.state, core::RowState::applied);
  EXPECT_EQ(added.state, core::RowState::failed);
  EXPECT_EQ(added.statements_done, 1);
}

// sequelize-cli's history table, as its own DDL creates it: one column, `name`.
const char* k_sequelize_meta = "SequelizeMeta";
const char* k_first_js = "20240315102344-create-users.js";
const char* k_second_js = "20240316090000-add-discount-code.js";

class SequelizeAdoption : public AdapterConformance {
 protected:
  void SetUp() override {
    AdapterConformance::SetUp();
    run("CREATE TABLE " + meta() + " (" + quoted("name") +
        " VARCHAR(255) NOT NULL UNIQUE PRIMARY KEY)");
    sequelize_inserts(k_first_js);
    sequelize_inserts(k_second_js);
  }

  std::string quoted(const std::string& name) const {
    return database->dialect() == core::Dialect::mysql ? "`" + name + "`" : "\"" + name + "\"";
  }
  std::string meta() const { return quoted(k_sequelize_meta); }

  // The statements sequelize-cli itself runs on its table, through another session.
  void sequelize_inserts(const std::string& name) {
    testing::execute(database->url(),
                     "INSERT INTO " + meta() + " (" + quoted("name") + ") VALUES ('" + name + "')");
  }
  std::string sequelize_selects_first() {
    return testing::query_scalar(database->url(), "SELECT " + quoted("name") + " FROM " + meta() +
                                                      " ORDER BY " + quoted("name"));
  }
  void sequelize_deletes(const std::string& name) {
    testing::execute(database->url(),
                     "DELETE FROM " + meta() + " WHERE " + quoted("name") + " = '" + name + "'");
  }

  std::vector<core::HistoryRow> history_by_name() {
    auto rows = connection->read_history(k_sequelize_meta);
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.name < b.name; });
    return rows;
  }

  // A row forge did not write: its name as stored, every other column its default.
  static void expect_adopted(const core::HistoryRow& row, const std::string& name) {
    EXPECT_EQ(row.name, name);
    EXPECT_EQ(row.checksum, "") << name;
    EXPECT_EQ(row.applied_at, "") << name;
    EXPECT_EQ(row.execution_ms, 0) << name;
    EXPECT_EQ(row.state, core::RowState::applied) << name;
    EXPECT_EQ(row.statements_done, 0) << name;
    EXPECT_EQ(row.statement_hashes, "") << name;
  }
};

TEST_P(SequelizeAdoption, ATableWithOnlyANameColumnIsReadWithoutChangingIt) {
  const auto rows = history_by_name();  // what status does: read, never write

  ASSERT_EQ(rows.size(), 2u);
  expect_adopted(rows[0], k_first_js);
  expect_adopted(rows[1], k_second_js);
  EXPECT_THROW(testing::query_scalar(database->url(), "SELECT checksum FROM " + meta()),
               std::runtime_error);
}

TEST_P(SequelizeAdoption, EnsuringTheHistoryAddsForgesColumnsAndKeepsEveryRowAsStored) {
  connection->ensure_history(k_sequelize_meta);
  connection->ensure_history(k_sequelize_meta);  // idempotent

  const auto rows = history_by_name();
  ASSERT_EQ(rows.size(), 2u);
  expect_adopted(rows[0], k_first_js);
  expect_adopted(rows[1], k_second_js);
  // Every column forge reads is now a real column, holding its default in the old rows.
  const std::string unknown_time =
      database->dialect() == core::Dialect::sqlite ? "applied_at = ''" : "applied_at IS NULL";
  EXPECT_EQ(rows_in(meta() + " WHERE checksum = '' AND " + unknown_time), 2);
  EXPECT_EQ(rows_in(meta() + " WHERE execution_ms = 0 AND state = 'applied' AND "
                             "statements_done = 0 AND COALESCE(statement_hashes, '') = ''"),
            2);
}

TEST_P(SequelizeAdoption, ForgeWritesAndRewritesRowsOfTheAdoptedTable) {
  connection->ensure_history(k_sequelize_meta);
  connection->record(k_sequelize_meta, row("20240317000000-create-orders"));
  auto accepted = history_by_name()[0];  // an adopted row rewritten, as resolve does
  accepted.checksum = std::string(64, 'b');
  connection->record(k_sequelize_meta, accepted);
  connection->erase(k_sequelize_meta, k_second_js);

  const auto rows = history_by_name();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].name, k_first_js);
  EXPECT_EQ(rows[0].checksum, std::string(64, 'b'));
  EXPECT_EQ(rows[0].applied_at, "");  // still unknown
  EXPECT_EQ(rows[1].name, "20240317000000-create-orders");
  EXPECT_EQ(rows[1].applied_at, "2024-03-15T10:23:44.012Z");
  EXPECT_EQ(rows[1].execution_ms, 12);
}

TEST_P(SequelizeAdoption, SequelizesOwnStatementsStillWorkOnceForgeHasAddedItsColumns) {
  connection->ensure_history(k_sequelize_meta);
  connection->record(k_sequelize_meta, row("20240317000000-create-orders"));

  ASSERT_NO_THROW(sequelize_inserts("20240101000000-seed-first.js"));
  EXPECT_EQ(sequelize_selects_first(), "20240101000000-seed-first.js");
  ASSERT_NO_THROW(sequelize_deletes(k_first_js));

  const auto rows = history_by_name();
  ASSERT_EQ(rows.size(), 3u);
  expect_adopted(rows[0], "20240101000000-seed-first.js");
  expect_adopted(rows[1], k_second_js);
  EXPECT_EQ(rows[2].name, "20240317000000-create-orders");
  EXPECT_EQ(rows[2].checksum, std::string(64, 'a'));
}

TEST_P(AdapterConformance, AFailingStatementReportsItsFileLineAndTheServersMessage) {
  try {
    run("SELECT * FROM no_such_table_anywhere", 7);
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.file(), "test.sql");
    EXPECT_EQ(e.line(), 7);
    EXPECT_THAT(e.server_message(), HasSubstr("no_such_table_anywhere"));
  }
}

// Servers report where in a statement a syntax error is; SQLite does not.
class ServerAdapter : public AdapterConformance {};

TEST_P(ServerAdapter, ASyntaxErrorOnALaterLineOfAStatementPointsAtThatLine) {
  try {
    run("CREATE TABLE t (\n  id INT,\n  x INT NOT NUL NOT\n)", 10);
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.line(), 12) << e.what();
  }
}

TEST_P(AdapterConformance, ATransactionDestroyedWithoutCommitRollsBack) {
  run("CREATE TABLE items (id INT PRIMARY KEY)");
  {
    auto transaction = connection->begin();
    run("INSERT INTO items (id) VALUES (1)");
  }
  {
    auto transaction = connection->begin();
    run("INSERT INTO items (id) VALUES (2)");
    transaction->commit();
  }
  EXPECT_EQ(rows_in("items"), 1);
  EXPECT_EQ(rows_in("items WHERE id = 2"), 1);
}

TEST_P(AdapterConformance, DdlRollsBackWithItsTransactionWhereTheDialectSaysSo) {
  {
    auto transaction = connection->begin();
    run("CREATE TABLE made_in_vain (id INT)");
  }
  const bool transactional = connection->capabilities().transactional_ddl;
  EXPECT_EQ(transactional, database->dialect() != core::Dialect::mysql);
  EXPECT_EQ(table_exists("made_in_vain"), !transactional);
}

TEST_P(AdapterConformance, TheMigrationLockKeepsOutASecondSessionUntilReleased) {
  auto other = database->connect();
  {
    auto held = connection->lock(1s);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_THROW(other->lock(300ms), LockTimeout);
    EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  }
  EXPECT_NO_THROW(other->lock(1s));
}

TEST_P(AdapterConformance, TheLockOfAKilledProcessIsReleased) {
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto own = database->connect();
    auto held = own->lock(5s);
    (void)!::write(ready[1], "x", 1);
    ::pause();
    ::_exit(0);
  }
  char byte = 0;
  ASSERT_EQ(::read(ready[0], &byte, 1), 1);
  EXPECT_THROW(connection->lock(200ms), LockTimeout);
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  EXPECT_NO_THROW(connection->lock(10s));
  ::close(ready[0]);
  ::close(ready[1]);
}

INSTANTIATE_TEST_SUITE_P(EveryDialect, AdapterConformance,
                         ::testing::Values("sqlite", "postgres", "mysql"),
                         [](const auto& info) { return std::string(info.param); });
INSTANTIATE_TEST_SUITE_P(EveryDialect, SequelizeAdoption,
                         ::testing::Values("sqlite", "postgres", "mysql"),
                         [](const auto& info) { return std::string(info.param); });
INSTANTIATE_TEST_SUITE_P(Servers, ServerAdapter, ::testing::Values("postgres", "mysql"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace forge::integration
