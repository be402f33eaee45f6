// Late statements (SQL written only when its turn comes) and statement_started, in the runner.
#include "core/runner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "core/errors.hpp"
#include "support/fake_session.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using testing::FakeConnection;
using testing::FakeReporter;
using testing::Log;
using testing::make_unit;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// Late SQL that logs when it is written and gives fixed texts.
class FakeLateSql : public LateSql {
 public:
  FakeLateSql(Log& log, std::vector<std::string> texts) : m_log(log), m_texts(std::move(texts)) {}
  std::vector<std::string> write(Connection& connection) const override {
    (void)connection;
    m_log.push_back("write late");
    return m_texts;
  }

 private:
  Log& m_log;
  std::vector<std::string> m_texts;
};

const std::string k_file = "db/migrations/2_b.yaml";

// A declarative-looking unit: a plain statement at line 2, a late one at line 5 (a rebuild
// written as two statements), and a plain one at line 9.
Unit unit_with_late_statement(Log& log) {
  Unit unit = make_unit("2_b", true);
  unit.up.file = k_file;
  unit.up.statements = {
      Statement{"CREATE TABLE t (x)", k_file, 2, nullptr},
      Statement{"-- changeColumn: a table rebuild", k_file, 5,
                std::make_shared<FakeLateSql>(
                    log, std::vector<std::string>{"CREATE TABLE forge_new_t (x)",
                                                  "INSERT INTO forge_new_t SELECT * FROM t"})},
      Statement{"CREATE INDEX t_x ON t (x)", k_file, 9, nullptr}};
  return unit;
}

class RunnerWithLateSql : public ::testing::Test {
 protected:
  Log m_log;
  FakeConnection m_connection{m_log};
  FakeReporter m_reporter{m_log, /*log_statements=*/true};
  RunSettings m_settings;
};

TEST_F(RunnerWithLateSql, WritesTheLateSqlWhenItsTurnComesAndRunsEachTextInOrder) {
  const std::vector<Unit> units{unit_with_late_statement(m_log)};

  EXPECT_EQ(run_migrate(m_connection, units, {}, m_reporter, m_settings), 1u);

  EXPECT_THAT(
      m_log,
      ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta", "migrating 2_b",
                  "begin", "statement " + k_file + ":2 CREATE TABLE t (x)",
                  "execute CREATE TABLE t (x)", "write late",
                  "statement " + k_file + ":5 CREATE TABLE forge_new_t (x)",
                  "execute CREATE TABLE forge_new_t (x)",
                  "statement " + k_file + ":5 INSERT INTO forge_new_t SELECT * FROM t",
                  "execute INSERT INTO forge_new_t SELECT * FROM t",
                  "statement " + k_file + ":9 CREATE INDEX t_x ON t (x)",
                  "execute CREATE INDEX t_x ON t (x)", "record ForgeMeta 2_b", "commit",
                  "migrated 2_b", "unlock"));
}

TEST_F(RunnerWithLateSql, NeverSendsTheLateStatementsDescriptionToTheDatabase) {
  run_migrate(m_connection, {unit_with_late_statement(m_log)}, {}, m_reporter, m_settings);

  EXPECT_THAT(m_log, Not(Contains(HasSubstr("changeColumn"))));
}

TEST_F(RunnerWithLateSql, ReportsAFailingWrittenStatementAtTheLateStatementsFileAndLine) {
  m_connection.fail_on = "INSERT INTO forge_new_t SELECT * FROM t";
  try {
    run_migrate(m_connection, {unit_with_late_statement(m_log)}, {}, m_reporter, m_settings);
    FAIL() << "expected a StatementError";
  } catch (const StatementError& e) {
    EXPECT_EQ(e.unit(), "2_b");
    EXPECT_EQ(e.file(), k_file);
    EXPECT_EQ(e.line(), 5);
  }
  EXPECT_THAT(m_log, Contains("rollback"));
  EXPECT_THAT(m_log, Not(Contains("execute CREATE INDEX t_x ON t (x)")));
  EXPECT_TRUE(m_connection.rows.empty());
}

TEST_F(RunnerWithLateSql, WritesLateSqlOfADownSectionToo) {
  m_connection.rows = {applied_row("2_b")};
  Unit unit = make_unit("2_b", true);
  unit.down->statements = {Statement{
      "-- removeColumn: a table rebuild", k_file, 7,
      std::make_shared<FakeLateSql>(m_log, std::vector<std::string>{"DROP TABLE t"})}};

  run_undo(m_connection, {unit}, {}, m_reporter, m_settings);

  EXPECT_THAT(m_log, Contains("write late"));
  EXPECT_THAT(m_log, Contains("statement " + k_file + ":7 DROP TABLE t"));
  EXPECT_THAT(m_log, Contains("execute DROP TABLE t"));
  EXPECT_TRUE(m_connection.rows.empty());
}

TEST(RunnerStatementStarted, IsToldOfEveryStatementJustBeforeItRuns) {
  Log log;
  FakeConnection connection(log);
  FakeReporter reporter(log, /*log_statements=*/true);
  const std::vector<Unit> units{make_unit("1_a", true, {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)"})};

  run_migrate(connection, units, {}, reporter, {});

  EXPECT_THAT(log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                               "migrating 1_a", "begin",
                               "statement db/migrations/1_a.up.sql:1 CREATE TABLE a (x)",
                               "execute CREATE TABLE a (x)",
                               "statement db/migrations/1_a.up.sql:2 INSERT INTO a VALUES (1)",
                               "execute INSERT INTO a VALUES (1)", "record ForgeMeta 1_a", "commit",
                               "migrated 1_a", "unlock"));
}

}  // namespace
}  // namespace forge::core
