#include "core/runner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "core/errors.hpp"
#include "support/runner_fixture.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::make_unit;
using testing::undo_all;

std::vector<std::string> names_in(const std::vector<HistoryRow>& rows) {
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.name);
  std::sort(names.begin(), names.end());
  return names;
}

using Runner = testing::RunnerFixture;

TEST_F(Runner, TakesTheLockAndEnsuresTheHistoryTableBeforeReadingIt) {
  migrate({});
  ASSERT_GE(m_log.size(), 3u);
  EXPECT_EQ(m_log[0], "lock");
  EXPECT_EQ(m_log[1], "ensure_history ForgeMeta");
  EXPECT_EQ(m_log[2], "read_history ForgeMeta");
  EXPECT_EQ(m_log.back(), "unlock");
}

TEST_F(Runner, WaitsForTheLockAsLongAsTheSettingsSay) {
  m_settings.lock_wait = std::chrono::milliseconds(1234);
  migrate({});
  EXPECT_EQ(m_connection.lock_wait, std::chrono::milliseconds(1234));
}

TEST_F(Runner, RunsEachUnitInItsOwnTransactionWithItsHistoryRowBeforeCommit) {
  const std::vector<Unit> units{
      make_unit("1_a", true, {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)"}),
      make_unit("2_b", true, {"CREATE TABLE b (x)"})};
  EXPECT_EQ(migrate(units), 2u);
  EXPECT_THAT(m_log,
              ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                          "migrating 1_a", "begin", "execute CREATE TABLE a (x)",
                          "execute INSERT INTO a VALUES (1)", "record ForgeMeta 1_a", "commit",
                          "migrated 1_a", "migrating 2_b", "begin", "execute CREATE TABLE b (x)",
                          "record ForgeMeta 2_b", "commit", "migrated 2_b", "unlock"));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a", "2_b"));
}

TEST_F(Runner, RecordsTheChecksumAndUtcTimeOfEachAppliedUnit) {
  const std::vector<Unit> units{make_unit("1_a", true, {"CREATE TABLE a (x)"})};
  migrate(units);
  ASSERT_EQ(m_connection.recorded.size(), 1u);
  const HistoryRow& row = m_connection.recorded[0];
  EXPECT_EQ(row.name, "1_a");
  EXPECT_EQ(row.checksum, units[0].checksum.value());
  EXPECT_THAT(
      row.applied_at,
      ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"));
  EXPECT_GE(row.execution_ms, 0);
}

TEST_F(Runner, UsesTheConfiguredHistoryTable) {
  m_settings.history_table = "SequelizeMeta";
  migrate({make_unit("1_a", true, {"SELECT 1"})});
  EXPECT_THAT(m_log, ::testing::Contains("ensure_history SequelizeMeta"));
  EXPECT_THAT(m_log, ::testing::Contains("record SequelizeMeta 1_a"));
}

TEST_F(Runner, SkipsAppliedUnits) {
  m_connection.rows = {applied_row("1_a")};
  EXPECT_EQ(migrate({make_unit("1_a", true, {"SELECT 1"}), make_unit("2_b", true, {"SELECT 2"})}),
            1u);
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains("execute SELECT 1")));
  EXPECT_THAT(m_log, ::testing::Contains("execute SELECT 2"));
}

TEST_F(Runner, AConnectionLostMidUnitNamesTheUnitAndTheStatementsFileAndLine) {
  const std::vector<Unit> units{make_unit("1_a", true, {"CREATE TABLE a (x)"}),
                                make_unit("2_b", true, {"SELECT 1", "SELECT pg_sleep(5)"})};
  m_connection.lose_connection_on = "SELECT pg_sleep(5)";
  try {
    migrate(units);
    FAIL() << "expected a ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_THAT(e.what(), HasSubstr("lost the connection to fake"));
    EXPECT_THAT(e.what(), HasSubstr("while applying 2_b at db/migrations/2_b.up.sql:2"));
    EXPECT_THAT(e.hint(), HasSubstr("run the command again"));
  }
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a"));
}

TEST_F(Runner, AConnectionLostWhileRevertingSaysSoAndKeepsTheUnitApplied) {
  const std::vector<Unit> units{
      make_unit("1_a", true, {"CREATE TABLE a (x)"}, {"DROP TABLE a"}),
      make_unit("2_b", true, {"CREATE TABLE b (x)"}, {"DELETE FROM b", "DROP TABLE b"})};
  ASSERT_EQ(migrate(units), 2u);
  m_connection.lose_connection_on = "DROP TABLE b";
  try {
    undo(units);
    FAIL() << "expected a ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_THAT(e.what(), HasSubstr("(while reverting 2_b at db/migrations/2_b.down.sql:2)"));
  }
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a", "2_b"));
}

TEST_F(Runner, StopsAtAFailingStatementNamingTheUnitFileAndLineAndKeepsEarlierUnits) {
  const std::vector<Unit> units{make_unit("1_a", true, {"CREATE TABLE a (x)"}),
                                make_unit("2_b", true, {"SELECT 1", "INSERT INTO t VALUES (1)"}),
                                make_unit("3_c", true, {"CREATE TABLE c (x)"})};
  m_connection.fail_on = "INSERT INTO t VALUES (1)";
  try {
    migrate(units);
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.unit(), "2_b");
    EXPECT_EQ(e.file(), "db/migrations/2_b.up.sql");
    EXPECT_EQ(e.line(), 2);
    EXPECT_EQ(e.server_message(), "no such table: t");
    EXPECT_THAT(e.what(), HasSubstr("migration 2_b failed"));
    EXPECT_THAT(e.what(), HasSubstr("db/migrations/2_b.up.sql:2"));
  }
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "migrating 1_a", "begin", "execute CREATE TABLE a (x)",
                                 "record ForgeMeta 1_a", "commit", "migrated 1_a", "migrating 2_b",
                                 "begin", "execute SELECT 1", "execute INSERT INTO t VALUES (1)",
                                 "rollback", "unlock"));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a"));
}

// Without the unit's transaction each statement still commits together with the row that
// records it: a run killed anywhere leaves a row that says exactly what took effect.
TEST_F(Runner, RunsTransactionFalseSectionsStatementByStatementEachWithItsRow) {
  Unit unit = make_unit("1_outside", true, {"CREATE TABLE a (x)", "CREATE TABLE b (x)"});
  unit.up.in_transaction = false;
  migrate({unit});
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "migrating 1_outside", "begin", "execute CREATE TABLE a (x)",
                                 "record ForgeMeta 1_outside", "commit", "begin",
                                 "execute CREATE TABLE b (x)", "record ForgeMeta 1_outside",
                                 "commit", "migrated 1_outside", "unlock"));
  ASSERT_EQ(m_connection.recorded.size(), 2u);
  EXPECT_EQ(m_connection.recorded[0].state, RowState::running);
  EXPECT_EQ(m_connection.recorded[0].statements_done, 1);
  EXPECT_EQ(m_connection.recorded[1].state, RowState::applied);
}

TEST_F(Runner, RunsAStatementThatRefusesATransactionWithoutOne) {
  migrate({make_unit("1_vacuum", true, {"VACUUM"})});
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains("begin")));
  EXPECT_THAT(m_log, ::testing::Contains("record ForgeMeta 1_vacuum"));
}

TEST_F(Runner, LeavesNoRowWhenTheFirstStatementOfAUnitWithoutATransactionFails) {
  Unit unit = make_unit("1_vacuum", true, {"VACUUM"});
  unit.up.in_transaction = false;
  m_connection.fail_on = "VACUUM";
  EXPECT_THROW(migrate({unit}), StatementError);
  EXPECT_THAT(m_connection.rows, IsEmpty());
}

// The row joins the file's own transaction just before its COMMIT: both commit, or neither.
TEST_F(Runner, RunsAFileWithItsOwnBeginAndCommitAsWritten) {
  migrate({make_unit("1_own", true, {"BEGIN", "CREATE TABLE a (x)", "COMMIT"})});
  EXPECT_THAT(m_log,
              ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                          "migrating 1_own", "execute BEGIN", "execute CREATE TABLE a (x)",
                          "record ForgeMeta 1_own", "execute COMMIT", "migrated 1_own", "unlock"));
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::applied);
}

TEST_F(Runner, RunsWithoutATransactionWhenTheDatabaseCannotRollBackDdl) {
  m_connection.transactional_ddl = false;
  migrate({make_unit("1_a", true, {"CREATE TABLE a (x)"})});
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains("begin")));
  EXPECT_THAT(m_log, ::testing::Contains("record ForgeMeta 1_a"));
}

TEST_F(Runner, ReportsNothingToDoWhenNothingIsPending) {
  m_connection.rows = {applied_row("1_a")};
  EXPECT_EQ(migrate({make_unit("1_a", true, {"SELECT 1"})}), 0u);
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "nothing to do up", "unlock"));
}

TEST_F(Runner, ReportsNothingToUndoWhenNothingIsApplied) {
  EXPECT_EQ(undo({make_unit("1_a")}), 0u);
  EXPECT_THAT(m_log, ::testing::Contains("nothing to do down"));
}

TEST_F(Runner, UndoRunsTheDownAndErasesTheRowInOneTransaction) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  const std::vector<Unit> units{make_unit("1_a", true, {}, {"DROP TABLE a"}),
                                make_unit("2_b", true, {}, {"DROP TABLE b"})};
  EXPECT_EQ(undo(units), 1u);
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "reverting 2_b", "begin", "execute DROP TABLE b",
                                 "erase ForgeMeta 2_b", "commit", "reverted 2_b", "unlock"));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a"));
}

TEST_F(Runner, UndoAllRevertsNewestFirst) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  const std::vector<Unit> units{make_unit("1_a", true, {}, {"DROP TABLE a"}),
                                make_unit("2_b", true, {}, {"DROP TABLE b"})};
  EXPECT_EQ(undo(units, undo_all()), 2u);
  EXPECT_THAT(m_connection.rows, IsEmpty());
  const auto first = std::find(m_log.begin(), m_log.end(), "execute DROP TABLE b");
  const auto second = std::find(m_log.begin(), m_log.end(), "execute DROP TABLE a");
  EXPECT_LT(first, second);
}

TEST_F(Runner, UndoRevertsAnEmptyDownWithoutRunningSql) {
  m_connection.rows = {applied_row("1_a")};
  EXPECT_EQ(undo({make_unit("1_a")}), 1u);
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "reverting 1_a", "begin", "erase ForgeMeta 1_a", "commit",
                                 "reverted 1_a", "unlock"));
}

TEST_F(Runner, UndoRefusesAUnitWithoutADownBeforeChangingAnything) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  const std::vector<Unit> units{make_unit("1_a", /*with_down=*/false),
                                make_unit("2_b", true, {}, {"DROP TABLE b"})};
  UndoRequest request;
  request.scope = UndoRequest::Scope::all;
  EXPECT_THROW(undo(units, request), PlanError);
  EXPECT_THAT(m_log,
              ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta", "unlock"));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a", "2_b"));
}

TEST_F(Runner, UndoFailureKeepsTheRowAndNamesTheUnit) {
  m_connection.rows = {applied_row("1_a")};
  m_connection.fail_on = "DROP TABLE a";
  try {
    undo({make_unit("1_a", true, {}, {"DROP TABLE a"})});
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.unit(), "1_a");
    EXPECT_EQ(e.file(), "db/migrations/1_a.down.sql");
  }
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains("commit")));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a"));
}

// --- units that stop part-way outside a transaction --------------------------------------

HistoryRow failed_row(const std::string& name, std::vector<std::string> done) {
  HistoryRow row = applied_row(name);
  row.state = RowState::failed;
  row.statements_done = static_cast<int>(done.size());
  row.statement_hashes = hash_statements(done);
  return row;
}

TEST_F(Runner, RecordsAUnitThatStopsPartWayAsFailedWithWhatTookEffect) {
  m_connection.transactional_ddl = false;
  m_connection.fail_on = "CREATE TABLE b2 (x)";
  try {
    migrate({make_unit("2_b", true,
                       {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (x)", "CREATE TABLE b3 (x)"})});
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_THAT(e.what(), HasSubstr("statement 1 (line 1)"));
    EXPECT_THAT(e.what(), HasSubstr("recorded as failed"));
  }
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::failed);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);
  EXPECT_EQ(m_connection.rows[0].statement_hashes, hash_statements({"CREATE TABLE b1 (x)"}));
}

TEST_F(Runner, ResumesAFailedUnitAtTheStatementThatFailed) {
  m_connection.transactional_ddl = false;
  m_connection.rows = {failed_row("2_b", {"CREATE TABLE b1 (x)"})};
  migrate({make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"})});
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains("execute CREATE TABLE b1 (x)")));
  EXPECT_THAT(m_log, ::testing::Contains("execute CREATE TABLE b2 (y)"));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

TEST_F(Runner, RefusesAFailedUnitWhoseCompletedStatementsChanged) {
  m_connection.rows = {failed_row("2_b", {"CREATE TABLE b1 (x)"})};
  EXPECT_THROW(
      migrate({make_unit("2_b", true, {"CREATE TABLE b1 (changed)", "CREATE TABLE b2 (y)"})}),
      RefusedError);
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains(HasSubstr("execute"))));
}

TEST_F(Runner, AFailureOnTheFirstStatementLeavesNoRow) {
  m_connection.transactional_ddl = false;
  m_connection.fail_on = "CREATE TABLE b1 (x)";
  EXPECT_THROW(migrate({make_unit("2_b", true, {"CREATE TABLE b1 (x)"})}), StatementError);
  EXPECT_THAT(m_connection.rows, IsEmpty());
}

TEST_F(Runner, ResolvingAsAppliedRecordsTheUnitWithItsFilesChecksumUnderTheLock) {
  m_connection.rows = {failed_row("2_b", {"CREATE TABLE b1 (x)"})};
  const Unit unit = make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"});
  EXPECT_EQ(run_resolve(m_connection, {unit}, {"2", Resolution::applied}, m_settings), "2_b");
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
  EXPECT_EQ(m_connection.rows[0].checksum, unit.checksum.value());
  EXPECT_EQ(m_log.front(), "lock");
  EXPECT_THAT(m_log, ::testing::Not(::testing::Contains(HasSubstr("execute"))));
}

TEST_F(Runner, ResolveRefusesToForgetAnAppliedUnit) {
  m_connection.rows = {applied_row("2_b")};
  EXPECT_THROW(
      run_resolve(m_connection, {make_unit("2_b")}, {"2_b", Resolution::rolled_back}, m_settings),
      RefusedError);
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("2_b"));
}

TEST_F(Runner, ResolveRefusesWhileAnotherForgeHoldsTheLockUnlessForced) {
  m_connection.rows = {failed_row("2_b", {"CREATE TABLE b1 (x)"})};
  m_connection.lock_held_elsewhere = true;
  const Unit unit = make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"});
  try {
    run_resolve(m_connection, {unit}, {"2_b", Resolution::applied}, m_settings);
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& e) {
    EXPECT_THAT(e.what(), HasSubstr("pid 7 on elsewhere"));
  }
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::failed);
  run_resolve(m_connection, {unit}, {"2_b", Resolution::applied, 0, true}, m_settings);
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::applied);
}

TEST_F(Runner, ResolvingTheStatementInFlightAsTookEffectMovesThePastIt) {
  const Unit unit = make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"});
  HistoryRow row = failed_row("2_b", {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"});
  row.state = RowState::running;
  row.statements_done = 1;
  row.in_flight = 2;
  m_connection.rows = {row};
  EXPECT_THROW(
      run_resolve(m_connection, {unit}, {"2_b", Resolution::statement_took_effect, 1}, m_settings),
      UsageError);
  run_resolve(m_connection, {unit}, {"2_b", Resolution::statement_took_effect, 2}, m_settings);
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::applied);
}

// A unit with a sequelize-cli twin is recorded under the twin's name by every path, so that
// sequelize-cli sees it applied too.
TEST_F(Runner, BaselineRecordsAUnitWithAJavaScriptTwinUnderTheTwinsName) {
  Unit unit = make_unit("1_a");
  unit.history_name = "1_a.js";
  EXPECT_THAT(run_baseline(m_connection, {unit}, "1_a", m_settings), ElementsAre("1_a"));
  EXPECT_THAT(names_in(m_connection.rows), ElementsAre("1_a.js"));
}

TEST_F(Runner, ResolvingAsRolledBackForgetsTheUnit) {
  m_connection.rows = {failed_row("2_b", {"CREATE TABLE b1 (x)"})};
  run_resolve(m_connection, {make_unit("2_b")}, {"2_b", Resolution::rolled_back}, m_settings);
  EXPECT_THAT(m_connection.rows, IsEmpty());
}

}  // namespace
}  // namespace forge::core
