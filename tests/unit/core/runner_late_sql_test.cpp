// Late statements (SQL written only when its turn comes) and statement_started, in the runner.
#include "core/runner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "core/errors.hpp"
#include "support/runner_fixture.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using testing::FakeLateSql;
using testing::Log;
using testing::make_unit;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

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

class RunnerWithLateSql : public testing::RunnerFixture {
 protected:
  RunnerWithLateSql() : RunnerFixture(testing::RunMode::run, /*log_statements=*/true) {}
};
using RunnerStatementStarted = RunnerWithLateSql;

TEST_F(RunnerWithLateSql, WritesTheLateSqlWhenItsTurnComesAndRunsEachTextInOrder) {
  const std::vector<Unit> units{unit_with_late_statement(m_log)};

  EXPECT_EQ(migrate(units), 1u);

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
  migrate({unit_with_late_statement(m_log)});

  EXPECT_THAT(m_log, Not(Contains(HasSubstr("changeColumn"))));
}

TEST_F(RunnerWithLateSql, ReportsAFailingWrittenStatementAtTheLateStatementsFileAndLine) {
  m_connection.fail_on = "INSERT INTO forge_new_t SELECT * FROM t";
  try {
    migrate({unit_with_late_statement(m_log)});
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

  undo({unit});

  EXPECT_THAT(m_log, Contains("write late"));
  EXPECT_THAT(m_log, Contains("statement " + k_file + ":7 DROP TABLE t"));
  EXPECT_THAT(m_log, Contains("execute DROP TABLE t"));
  EXPECT_TRUE(m_connection.rows.empty());
}

TEST_F(RunnerStatementStarted, IsToldOfEveryStatementJustBeforeItRuns) {
  const std::vector<Unit> units{make_unit("1_a", true, {"CREATE TABLE a (x)", "INSERT INTO a VALUES (1)"})};

  migrate(units);

  EXPECT_THAT(m_log, ElementsAre("lock", "ensure_history ForgeMeta", "read_history ForgeMeta",
                                 "migrating 1_a", "begin",
                                 "statement db/migrations/1_a.up.sql:1 CREATE TABLE a (x)",
                                 "execute CREATE TABLE a (x)",
                                 "statement db/migrations/1_a.up.sql:2 INSERT INTO a VALUES (1)",
                                 "execute INSERT INTO a VALUES (1)", "record ForgeMeta 1_a", "commit",
                                 "migrated 1_a", "unlock"));
}

}  // namespace
}  // namespace forge::core
