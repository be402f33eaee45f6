// A unit that cannot run in one transaction (MySQL's DDL, `transaction: false`) runs statement
// by statement, and its history row says exactly what took effect at every moment: what a run
// killed anywhere, cut off from the server or stopped by a signal leaves is what the next run
// starts from, and a statement whose outcome was not seen is settled from the catalog.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <memory>
#include <string>
#include <utility>

#include "core/errors.hpp"
#include "support/runner_fixture.hpp"
#include "support/units.hpp"
#include "util/shutdown.hpp"

namespace forge::core {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::make_unit;
using ::testing::Not;

// Raises `signal` as the statement `text` starts, as a SIGTERM or Ctrl-C arriving then would.
class StopAtStatement : public testing::FakeReporter {
 public:
  StopAtStatement(testing::Log& log, std::string text, int signal)
      : FakeReporter(log), m_text(std::move(text)), m_signal(signal) {}
  void statement_started(const Statement& statement) override {
    if (statement.text == m_text) util::request_stop(m_signal);
  }

 private:
  std::string m_text;
  int m_signal;
};

class TrackedRunTest : public testing::RunnerFixture {
 protected:
  TrackedRunTest() { m_connection.transactional_ddl = false; }  // as on MySQL
  ~TrackedRunTest() override { util::request_stop(0); }

  // A unit of DDL with a data statement between: CREATE a; INSERT; CREATE b.
  Unit mixed_unit() const {
    return make_unit("2_m", true,
                     {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "CREATE TABLE b (x)"});
  }

  // CREATE a; three INSERTs of written-out rows, which share a transaction; CREATE b.
  Unit grouped_unit() const {
    return make_unit("4_g", true,
                     {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "INSERT INTO a VALUES (2)",
                      "INSERT INTO a VALUES (3)", "CREATE TABLE b (x)"});
  }

  HistoryRow row_in_flight(std::size_t done, std::size_t in_flight) const {
    const Unit unit = mixed_unit();
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < std::max(done, in_flight); ++i) {
      texts.push_back(unit.up.statements[i].text);
    }
    HistoryRow row;
    row.name = "2_m";
    row.checksum = unit.checksum.value();
    row.state = RowState::running;
    row.statements_done = static_cast<int>(done);
    row.in_flight = static_cast<int>(in_flight);
    row.statement_hashes = hash_statements(texts);
    return row;
  }
};

TEST_F(TrackedRunTest, MarksDdlInFlightBeforeSendingItAndDoneAfter) {
  migrate({mixed_unit()});
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "migrating 2_m", "record ForgeMeta 2_m",
                                 "execute CREATE TABLE a (x)", "record ForgeMeta 2_m", "begin",
                                 "execute INSERT INTO a VALUES (1)", "record ForgeMeta 2_m",
                                 "commit", "record ForgeMeta 2_m", "execute CREATE TABLE b (x)",
                                 "record ForgeMeta 2_m", "migrated 2_m", "unlock"));
  const auto& rows = m_connection.recorded;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].statements_done, 0);  // before statement 1: a row exists already
  EXPECT_EQ(rows[0].in_flight, 1);
  EXPECT_EQ(rows[0].state, RowState::running);
  EXPECT_FALSE(rows[0].holder.empty());
  EXPECT_EQ(rows[1].in_flight, 0);
  EXPECT_EQ(rows[2].statements_done, 2);  // committed with the INSERT itself
  EXPECT_EQ(rows[3].in_flight, 3);
  EXPECT_EQ(rows[4].state, RowState::applied);
}

TEST_F(TrackedRunTest, OneWriteSaysDoneWithADdlStatementAndTheNextInFlight) {
  migrate({make_unit("3_d", true, {"CREATE TABLE a (x)", "CREATE TABLE b (x)"})});
  EXPECT_THAT(
      m_log,
      ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta", "migrating 3_d",
                  "record ForgeMeta 3_d", "execute CREATE TABLE a (x)", "record ForgeMeta 3_d",
                  "execute CREATE TABLE b (x)", "record ForgeMeta 3_d", "migrated 3_d", "unlock"));
  const auto& rows = m_connection.recorded;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].in_flight, 1);
  EXPECT_EQ(rows[1].statements_done, 1);  // a took effect ...
  EXPECT_EQ(rows[1].in_flight, 2);        // ... and b is about to be sent
  EXPECT_EQ(rows[2].state, RowState::applied);
}

// Where DDL commits on its own, consecutive data statements share one transaction and one row
// write: the row still commits with what it says took effect.
TEST_F(TrackedRunTest, ConsecutiveDataStatementsShareOneTransactionAndOneRowWrite) {
  migrate({grouped_unit()});
  EXPECT_THAT(
      m_log,
      ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta", "migrating 4_g",
                  "record ForgeMeta 4_g", "execute CREATE TABLE a (x)", "record ForgeMeta 4_g",
                  "begin", "execute INSERT INTO a VALUES (1)", "execute INSERT INTO a VALUES (2)",
                  "execute INSERT INTO a VALUES (3)", "record ForgeMeta 4_g", "commit",
                  "record ForgeMeta 4_g", "execute CREATE TABLE b (x)", "record ForgeMeta 4_g",
                  "migrated 4_g", "unlock"));
  const auto& rows = m_connection.recorded;
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[2].statements_done, 4);  // committed with the three INSERTs
  EXPECT_EQ(rows[2].in_flight, 0);
  EXPECT_EQ(rows[2].statement_hashes,
            hash_statements({"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)",
                             "INSERT INTO a VALUES (2)", "INSERT INTO a VALUES (3)"}));
  EXPECT_EQ(rows[4].state, RowState::applied);
}

// A statement that may run long (a query in it) commits alone, after the rows before it: it
// never holds back their commit, nor is it held back.
TEST_F(TrackedRunTest, AnInsertFromAQueryCommitsAloneAfterTheGroupBeforeIt) {
  migrate({make_unit("4_q", true,
                     {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)",
                      "INSERT INTO a SELECT x FROM a", "INSERT INTO a VALUES (2)"})});
  EXPECT_THAT(
      m_log,
      ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta", "migrating 4_q",
                  "record ForgeMeta 4_q", "execute CREATE TABLE a (x)", "record ForgeMeta 4_q",
                  "begin", "execute INSERT INTO a VALUES (1)", "record ForgeMeta 4_q", "commit",
                  "begin", "execute INSERT INTO a SELECT x FROM a", "record ForgeMeta 4_q",
                  "commit", "begin", "execute INSERT INTO a VALUES (2)", "record ForgeMeta 4_q",
                  "commit", "migrated 4_q", "unlock"));
}

// A large unit's statements, read from "its file" each time they are gone through.
class StreamedStatements final : public StatementStream {
 public:
  explicit StreamedStatements(std::vector<std::string> texts) : m_texts(std::move(texts)) {}
  void for_each(const std::function<bool(const Statement&)>& each) const override {
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
      if (!each(Statement{m_texts[i], "big.sql", static_cast<int>(i) + 2, nullptr})) return;
    }
  }

 private:
  std::vector<std::string> m_texts;
};

// Run statement by statement, a streamed section is gone through, never held whole (a 1 GB
// unit in bounded memory): reading it all would leave it no longer streamed.
TEST_F(TrackedRunTest, AStreamedSectionRunsWithoutBeingHeldWhole) {
  Unit unit = grouped_unit();
  std::vector<std::string> texts;
  for (const Statement& statement : unit.up.statements) texts.push_back(statement.text);
  unit.up.statements =
      SectionStatements::streamed(std::make_shared<StreamedStatements>(std::move(texts)));
  migrate({unit});
  EXPECT_TRUE(unit.up.statements.is_streamed());
  EXPECT_THAT(m_log, Contains("execute CREATE TABLE b (x)"));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

TEST_F(TrackedRunTest, AGroupCommitsEveryThousandDataStatements) {
  std::vector<std::string> texts = {"CREATE TABLE a (x)"};
  for (int i = 0; i < 2500; ++i)
    texts.push_back("INSERT INTO a VALUES (" + std::to_string(i) + ")");
  migrate({make_unit("5_many", true, texts)});
  EXPECT_EQ(std::count(m_log.begin(), m_log.end(), "commit"), 3);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

// A refused statement rolls its group back: the row says the statements before the group took
// effect, and a rerun starts at the group's first statement.
TEST_F(TrackedRunTest, ARefusedDataStatementRollsBackItsGroup) {
  m_connection.fail_on = "INSERT INTO a VALUES (3)";
  const Unit unit = grouped_unit();
  try {
    migrate({unit});
    FAIL() << "the INSERT was refused";
  } catch (const StatementError& error) {
    EXPECT_THAT(error.what(), HasSubstr("statement 1 (line"));
  }
  EXPECT_THAT(m_log, Contains("rollback"));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::failed);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);
  EXPECT_EQ(m_connection.rows[0].statement_hashes, hash_statements({"CREATE TABLE a (x)"}));
}

// A stop signal between two data statements commits the group with its row first.
TEST_F(TrackedRunTest, AStopSignalInsideAGroupCommitsWhatItRan) {
  StopAtStatement reporter(m_log, "INSERT INTO a VALUES (2)", SIGTERM);
  const Unit unit = grouped_unit();
  EXPECT_THROW(run_migrate(m_connection, {unit}, {}, reporter, m_settings), InterruptedError);
  EXPECT_THAT(m_log, Not(Contains("execute INSERT INTO a VALUES (3)")));
  EXPECT_THAT(m_log, Not(Contains("rollback")));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].statements_done, 3);
  EXPECT_EQ(m_connection.rows[0].in_flight, 0);
}

TEST_F(TrackedRunTest, AStopSignalBetweenTwoDdlStatementsRecordsTheFirstDone) {
  StopAtStatement reporter(m_log, "CREATE TABLE a (x)", SIGTERM);
  const Unit unit = make_unit("3_d", true, {"CREATE TABLE a (x)", "CREATE TABLE b (x)"});
  EXPECT_THROW(run_migrate(m_connection, {unit}, {}, reporter, m_settings), InterruptedError);
  EXPECT_THAT(m_log, Not(Contains("execute CREATE TABLE b (x)")));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);
  EXPECT_EQ(m_connection.rows[0].in_flight, 0);
}

TEST_F(TrackedRunTest, AConnectionLostDuringDdlLeavesItMarkedInFlight) {
  m_connection.lose_connection_on = "CREATE TABLE b (x)";
  EXPECT_THROW(migrate({mixed_unit()}), ConnectionError);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].statements_done, 2);
  EXPECT_EQ(m_connection.rows[0].in_flight, 3);
}

TEST_F(TrackedRunTest, AConnectionLostDuringADataStatementLeavesItUnrecorded) {
  m_connection.lose_connection_on = "INSERT INTO a VALUES (1)";
  EXPECT_THROW(migrate({mixed_unit()}), ConnectionError);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);  // the INSERT's transaction never committed
  EXPECT_EQ(m_connection.rows[0].in_flight, 0);
}

TEST_F(TrackedRunTest, GoesOnAfterAStatementInFlightTheCatalogShowsTookEffect) {
  m_connection.rows = {row_in_flight(2, 3)};
  m_connection.effect = Effect::took_effect;
  migrate({mixed_unit()});
  EXPECT_THAT(m_log, Contains("effect_of CREATE TABLE b (x)"));
  EXPECT_THAT(m_log, Not(Contains(HasSubstr("execute"))));
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::applied);
}

TEST_F(TrackedRunTest, RunsAStatementInFlightTheCatalogShowsDidNotRun) {
  m_connection.rows = {row_in_flight(2, 3)};
  m_connection.effect = Effect::not_run;
  migrate({mixed_unit()});
  EXPECT_THAT(m_log, Contains("execute CREATE TABLE b (x)"));
  EXPECT_THAT(m_log, Not(Contains("execute CREATE TABLE a (x)")));
  EXPECT_THAT(m_log, Not(Contains("execute INSERT INTO a VALUES (1)")));
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::applied);
}

TEST_F(TrackedRunTest, RefusesNamingTheStatementWhenTheCatalogCannotTell) {
  m_connection.rows = {row_in_flight(0, 1)};
  m_connection.effect = Effect::unknown;
  try {
    migrate({mixed_unit()});
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& e) {
    EXPECT_THAT(e.what(), HasSubstr("statement 1 (db/migrations/2_m.up.sql:1)"));
    EXPECT_THAT(e.hint(), HasSubstr("db:migrate:resolve 2_m --statement 1 --took-effect"));
  }
  EXPECT_THAT(m_log, Not(Contains(HasSubstr("execute"))));
  EXPECT_EQ(m_connection.rows.at(0).in_flight, 1);
}

TEST_F(TrackedRunTest, RefusesAStatementInFlightWhoseTextChanged) {
  m_connection.rows = {row_in_flight(2, 3)};
  m_connection.effect = Effect::took_effect;
  const Unit changed = make_unit(
      "2_m", true, {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "CREATE TABLE b (changed)"});
  EXPECT_THROW(migrate({changed}), RefusedError);
}

TEST_F(TrackedRunTest, AStopSignalEndsTheRunAfterTheStatementWithItsProgressRecorded) {
  m_connection.fail_on = "INSERT INTO a VALUES (1)";  // as a cancelled statement fails
  util::request_stop(SIGTERM);
  try {
    migrate({make_unit("1_a", true, {"CREATE TABLE z (x)"}), mixed_unit()});
    FAIL() << "expected an InterruptedError";
  } catch (const InterruptedError& e) {
    EXPECT_EQ(static_cast<int>(e.exit_code()), 143);
    EXPECT_THAT(e.what(), HasSubstr("SIGTERM"));
  }
  EXPECT_THAT(m_log, Not(Contains("migrating 2_m")));  // not started after the signal
  EXPECT_THAT(m_log, Contains("unlock"));
}

TEST_F(TrackedRunTest, ACancelledDataStatementIsRolledBackAndTheRunStops) {
  m_connection.fail_on = "INSERT INTO a VALUES (1)";
  m_connection.rows = {row_in_flight(1, 0)};
  // The signal arrives while the INSERT runs: the fake fails it, as a cancelled one does.
  StopAtStatement reporter(m_log, "INSERT INTO a VALUES (1)", SIGINT);
  try {
    run_migrate(m_connection, {mixed_unit()}, {}, reporter, m_settings);
    FAIL() << "expected an InterruptedError";
  } catch (const InterruptedError& e) {
    EXPECT_EQ(static_cast<int>(e.exit_code()), 130);
    EXPECT_THAT(e.hint(), HasSubstr("statement 2"));
  }
  EXPECT_THAT(m_log, Contains("rollback"));
  EXPECT_EQ(m_connection.rows.at(0).statements_done, 1);
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::running);
}

TEST_F(TrackedRunTest, AFailureInsideTheFilesOwnTransactionRollsItBackAndRecordsWhereItBegan) {
  m_connection.transactional_ddl = true;
  m_connection.fail_on = "INSERT INTO b VALUES (2)";
  const Unit unit = make_unit("3_own", true,
                              {"CREATE TABLE a (x)", "BEGIN", "INSERT INTO b VALUES (1)",
                               "INSERT INTO b VALUES (2)", "COMMIT"});
  Unit outside = unit;
  outside.up.in_transaction = false;
  EXPECT_THROW(migrate({outside}), StatementError);
  EXPECT_THAT(m_log, Contains("execute ROLLBACK"));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::failed);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);  // CREATE TABLE a only
}

TEST_F(TrackedRunTest, AResumedUnitRepeatsTheSessionSettingsMadeBeforeWhereItResumes) {
  const Unit unit = make_unit("4_s", true,
                              {"SET search_path TO app", "CREATE TABLE a (x)",
                               "SET GLOBAL max_connections = 9", "CREATE TABLE b (x)"});
  HistoryRow row;
  row.name = "4_s";
  row.state = RowState::running;
  row.statements_done = 3;
  row.statement_hashes = hash_statements(
      {"SET search_path TO app", "CREATE TABLE a (x)", "SET GLOBAL max_connections = 9"});
  m_connection.rows = {row};
  migrate({unit});
  EXPECT_THAT(m_log, Contains("execute SET search_path TO app"));
  EXPECT_THAT(m_log, Not(Contains("execute SET GLOBAL max_connections = 9")));
  EXPECT_THAT(m_log, Not(Contains("execute CREATE TABLE a (x)")));
  EXPECT_THAT(m_log, Contains("execute CREATE TABLE b (x)"));
}

TEST_F(TrackedRunTest, AUnitOfDataStatementsOnlyRunsInOneTransactionWithItsRow) {
  migrate({make_unit("5_d", true, {"INSERT INTO a VALUES (1)", "INSERT INTO a VALUES (2)"})});
  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "migrating 5_d", "begin", "execute INSERT INTO a VALUES (1)",
                                 "execute INSERT INTO a VALUES (2)", "record ForgeMeta 5_d",
                                 "commit", "migrated 5_d", "unlock"));
}

TEST_F(TrackedRunTest, AStopInsideTheFilesOwnTransactionRollsItBackAndResumesAtItsBegin) {
  m_connection.transactional_ddl = true;
  Unit unit = make_unit("6_own", true,
                        {"CREATE TABLE a (x)", "BEGIN", "INSERT INTO b VALUES (1)",
                         "INSERT INTO b VALUES (2)", "COMMIT"});
  unit.up.in_transaction = false;
  StopAtStatement reporter(m_log, "INSERT INTO b VALUES (1)", SIGTERM);
  EXPECT_THROW(run_migrate(m_connection, {unit}, {}, reporter, m_settings), InterruptedError);
  EXPECT_THAT(m_log, Contains("execute ROLLBACK"));
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);  // resumes at the file's BEGIN
}

// ---- downs ----

class TrackedUndoTest : public TrackedRunTest {
 protected:
  Unit revertible() const {
    return make_unit("2_r", true, {"CREATE TABLE a (x)"},
                     {"DELETE FROM a", "DROP TABLE a", "DROP TABLE b"});
  }
  void apply() {
    HistoryRow row;
    row.name = "2_r";
    row.checksum = revertible().checksum.value();
    row.applied_at = "2024-01-01T00:00:00.000Z";
    m_connection.rows = {row};
  }
};

TEST_F(TrackedUndoTest, ADownCutOffMidwayIsRecordedAsRevertingAndTheNextUndoFinishesIt) {
  apply();
  m_connection.lose_connection_on = "DROP TABLE b";
  EXPECT_THROW(undo({revertible()}), ConnectionError);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::reverting);
  EXPECT_EQ(m_connection.rows[0].statements_done, 2);
  EXPECT_EQ(m_connection.rows[0].in_flight, 3);
  EXPECT_EQ(m_connection.rows[0].applied_at, "2024-01-01T00:00:00.000Z");

  m_connection.lose_connection_on.clear();
  m_connection.effect = Effect::not_run;
  m_log.clear();
  undo({revertible()});
  EXPECT_THAT(m_log, Contains("execute DROP TABLE b"));
  EXPECT_THAT(m_log, Not(Contains("execute DROP TABLE a")));
  EXPECT_THAT(m_connection.rows, IsEmpty());
}

TEST_F(TrackedUndoTest, MigrateRefusesAUnitWhoseDownStoppedPartWay) {
  apply();
  m_connection.fail_on = "DROP TABLE a";
  EXPECT_THROW(undo({revertible()}), StatementError);
  EXPECT_EQ(m_connection.rows.at(0).state, RowState::reverting);
  try {
    migrate({revertible()});
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& e) {
    EXPECT_THAT(e.hint(), HasSubstr("db:migrate:undo --name 2_r"));
  }
}

TEST_F(TrackedUndoTest, ADownRefusedAtItsFirstStatementLeavesTheUnitApplied) {
  apply();
  m_connection.transactional_ddl = true;  // DELETE joins a transaction anyway; DROPs run alone
  m_connection.fail_on = "DELETE FROM a";
  Unit unit = revertible();
  unit.down->in_transaction = false;
  EXPECT_THROW(undo({unit}), StatementError);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

// ---- programs: statements known only as the unit runs (JavaScript migrations) ----

class TrackedProgramTest : public TrackedRunTest {
 protected:
  static Unit program_unit(std::vector<std::string> texts) {
    Unit unit = make_unit("2_p", true);
    unit.up.statements = {Statement{"-- JavaScript: up() of 2_p.js", "2_p.js", 1,
                                    std::make_shared<testing::FakeProgram>(std::move(texts))}};
    return unit;
  }
  static std::vector<std::string> three() {
    return {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "CREATE TABLE b (x)"};
  }
  // The row an earlier run left: `done` of `texts` took effect, `in_flight` was sent.
  static HistoryRow earlier_row(const Unit& unit, const std::vector<std::string>& texts,
                                std::size_t done, std::size_t in_flight) {
    HistoryRow row;
    row.name = "2_p";
    row.checksum = unit.checksum.value();
    row.state = in_flight != 0 ? RowState::running : RowState::failed;
    row.statements_done = static_cast<int>(done);
    row.in_flight = static_cast<int>(in_flight);
    row.statement_hashes = hash_statements(
        std::vector<std::string>(texts.begin(), texts.begin() + std::max(done, in_flight)));
    return row;
  }
  long executions_of(const std::string& text) const {
    return std::count(m_log.begin(), m_log.end(), "execute " + text);
  }
};

TEST_F(TrackedProgramTest, EachStatementItSendsIsTrackedAndOnlyTheEndIsApplied) {
  migrate({program_unit(three())});

  const auto& rows = m_connection.recorded;
  ASSERT_EQ(rows.size(), 6u);  // the last statement done, then the end of the program
  for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
    EXPECT_EQ(rows[i].state, RowState::running) << i;  // never applied before the program ends
  }
  EXPECT_EQ(rows[0].in_flight, 1);
  EXPECT_EQ(rows[2].statements_done, 2);  // committed with the INSERT itself
  EXPECT_EQ(rows[2].statement_hashes, hash_statements({three()[0], three()[1]}));
  EXPECT_EQ(rows[4].statements_done, 3);
  EXPECT_EQ(rows[5].state, RowState::applied);
}

TEST_F(TrackedProgramTest, AFailureRecordsWhatTookEffectAndTheFixedProgramResumesAfterIt) {
  m_connection.fail_on = "INSERT INTO a VALUES (1)";
  EXPECT_THROW(migrate({program_unit(three())}), StatementError);
  ASSERT_EQ(m_connection.rows.size(), 1u);
  EXPECT_EQ(m_connection.rows[0].state, RowState::failed);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);

  m_connection.fail_on.clear();
  m_log.clear();
  migrate({program_unit(three())});

  EXPECT_EQ(executions_of("CREATE TABLE a (x)"), 0);  // took effect on the earlier run
  EXPECT_EQ(executions_of("INSERT INTO a VALUES (1)"), 1);
  EXPECT_EQ(executions_of("CREATE TABLE b (x)"), 1);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

TEST_F(TrackedProgramTest, TheStatementLeftInFlightIsSettledWhenTheProgramSendsItAgain) {
  const Unit unit = program_unit(three());
  m_connection.rows = {earlier_row(unit, three(), 2, 3)};
  m_connection.effect = Effect::took_effect;

  migrate({unit});

  EXPECT_THAT(m_log, Contains("effect_of CREATE TABLE b (x)"));
  EXPECT_EQ(executions_of("CREATE TABLE a (x)") + executions_of("INSERT INTO a VALUES (1)") +
                executions_of("CREATE TABLE b (x)"),
            0);
  EXPECT_EQ(m_connection.rows[0].state, RowState::applied);
}

TEST_F(TrackedProgramTest, AProgramThatSendsOtherStatementsOnTheRerunIsRefusedSendingNothing) {
  const Unit unit = program_unit(three());
  m_connection.rows = {
      earlier_row(unit, {"CREATE TABLE other (x)", "INSERT INTO a VALUES (1)"}, 1, 0)};

  try {
    migrate({unit});
    FAIL() << "no error";
  } catch (const RefusedError& error) {
    EXPECT_THAT(error.what(), HasSubstr("it sends now is not the one the earlier run sent"));
  }
  EXPECT_EQ(executions_of("CREATE TABLE a (x)") + executions_of("INSERT INTO a VALUES (1)"), 0);
  EXPECT_EQ(m_connection.rows[0].statements_done, 1);  // the row as it was
}

TEST_F(TrackedProgramTest, AProgramThatSendsFewerStatementsThanRecordedIsRefused) {
  const Unit recorded = program_unit(three());
  m_connection.rows = {earlier_row(recorded, three(), 2, 0)};

  EXPECT_THROW(migrate({program_unit({"CREATE TABLE a (x)"})}), RefusedError);
}

}  // namespace
}  // namespace forge::core
