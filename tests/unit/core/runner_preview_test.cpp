// preview_migrate / preview_undo: what a run would do, with nothing run and nothing created.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "core/errors.hpp"
#include "core/runner.hpp"
#include "support/runner_fixture.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using ::testing::Contains;
using ::testing::ElementsAre;
using testing::FakeLateSql;
using ::testing::HasSubstr;
using testing::make_unit;
using ::testing::Not;
using testing::undo_all;

class Preview : public testing::RunnerFixture {
 protected:
  Preview() : RunnerFixture(testing::RunMode::preview, /*log_statements=*/true) {}

  // Everything the connection was asked to do that a preview must never do.
  static auto touched_the_database() {
    return Contains(::testing::AnyOf(HasSubstr("lock"), HasSubstr("ensure_history"),
                                     HasSubstr("begin"), HasSubstr("execute"), HasSubstr("record"),
                                     HasSubstr("erase"), HasSubstr("commit")));
  }
};

TEST_F(Preview, OfMigrateReadsTheHistoryOnlyAndReportsEachPendingStatement) {
  const std::vector<Unit> units{
      make_unit("1_a", true, {"CREATE TABLE a (x)"}),
      make_unit("2_b", true, {"CREATE TABLE b (x)", "INSERT INTO b VALUES (1)"}),
      make_unit("3_c", true, {"CREATE TABLE c (x)"})};
  m_connection.rows = {applied_row(units[0].name, units[0].checksum.value())};

  EXPECT_EQ(migrate(units), 2u);

  EXPECT_THAT(m_log, ElementsAre("read_history ForgeMeta", "migrating 2_b",
                                 "statement db/migrations/2_b.up.sql:1 CREATE TABLE b (x)",
                                 "statement db/migrations/2_b.up.sql:2 INSERT INTO b VALUES (1)",
                                 "migrated 2_b", "migrating 3_c",
                                 "statement db/migrations/3_c.up.sql:1 CREATE TABLE c (x)",
                                 "migrated 3_c"));
  EXPECT_EQ(m_connection.rows.size(), 1u);
  EXPECT_TRUE(m_connection.recorded.empty());
}

TEST_F(Preview, OfMigrateTakesNoLockCreatesNoHistoryTableAndExecutesNothing) {
  migrate({make_unit("1_a", true, {"CREATE TABLE a (x)"})});
  EXPECT_THAT(m_log, Not(touched_the_database()));
}

TEST_F(Preview, ReadsTheConfiguredHistoryTable) {
  m_settings.history_table = "schema_history";
  migrate({make_unit("1_a", true, {"CREATE TABLE a (x)"})});
  EXPECT_EQ(m_log.front(), "read_history schema_history");
}

TEST_F(Preview, HonoursTheRequestLikeARealRun) {
  const std::vector<Unit> units{make_unit("1_a", true, {"A"}), make_unit("2_b", true, {"B"}),
                                make_unit("3_c", true, {"C"})};
  MigrateRequest request;
  request.step = 2;
  EXPECT_EQ(migrate(units, request), 2u);
  EXPECT_THAT(m_log, Not(Contains("migrating 3_c")));
}

TEST_F(Preview, ShowsALateStatementAsItsDescriptionWithoutWritingIt) {
  const std::vector<std::string> written{"CREATE TABLE forge_new_t (x)"};
  Unit unit = make_unit("2_b", true);
  unit.up.statements = {Statement{"-- changeColumn: a table rebuild", "m/2_b.yaml", 4,
                                  std::make_shared<FakeLateSql>(m_log, written)}};

  migrate({unit});

  EXPECT_THAT(m_log, Contains("statement m/2_b.yaml:4 -- changeColumn: a table rebuild (late)"));
  EXPECT_THAT(m_log, Not(Contains("write late")));
}

TEST_F(Preview, ListsOnlyTheStatementsAFailedUnitWouldResumeWith) {
  HistoryRow failed = applied_row("2_b");
  failed.state = RowState::failed;
  failed.statements_done = 1;
  failed.statement_hashes = hash_statements({"CREATE TABLE b1 (x)"});
  m_connection.rows = {failed};

  migrate({make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (x)"})});

  EXPECT_THAT(m_log, Not(Contains(HasSubstr("CREATE TABLE b1"))));
  EXPECT_THAT(m_log, Contains("statement db/migrations/2_b.up.sql:2 CREATE TABLE b2 (x)"));
}

TEST_F(Preview, OfMigrateReportsNothingToDo) {
  const Unit unit = make_unit("1_a");
  m_connection.rows = {applied_row(unit.name, unit.checksum.value())};
  EXPECT_EQ(migrate({unit}), 0u);
  EXPECT_THAT(m_log, ElementsAre("read_history ForgeMeta", "nothing to do up"));
}

TEST_F(Preview, OfUndoAllReportsEachDownStatementNewestFirstAndErasesNothing) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  const std::vector<Unit> units{make_unit("1_a", true, {}, {"DROP TABLE a"}),
                                make_unit("2_b", true, {}, {"DROP TABLE b"})};

  EXPECT_EQ(undo(units, undo_all()), 2u);

  EXPECT_THAT(m_log,
              ElementsAre("read_history ForgeMeta", "reverting 2_b",
                          "statement db/migrations/2_b.down.sql:1 DROP TABLE b", "reverted 2_b",
                          "reverting 1_a", "statement db/migrations/1_a.down.sql:1 DROP TABLE a",
                          "reverted 1_a"));
  EXPECT_EQ(m_connection.rows.size(), 2u);
}

TEST_F(Preview, OfUndoRevertsOnlyTheLastUnitByDefault) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  EXPECT_EQ(undo({make_unit("1_a", true, {}, {"DROP TABLE a"}),
                  make_unit("2_b", true, {}, {"DROP TABLE b"})}),
            1u);
  EXPECT_THAT(m_log, Not(Contains(HasSubstr("DROP TABLE a"))));
  EXPECT_THAT(m_log, Not(touched_the_database()));
}

TEST_F(Preview, OfUndoRefusesAUnitWithoutADownBeforeReportingAnything) {
  m_connection.rows = {applied_row("1_a"), applied_row("2_b")};
  const std::vector<Unit> units{make_unit("1_a", /*with_down=*/false),
                                make_unit("2_b", true, {}, {"DROP TABLE b"})};

  EXPECT_THROW(undo(units, undo_all()), PlanError);

  EXPECT_THAT(m_log, ElementsAre("read_history ForgeMeta"));
}

TEST_F(Preview, OfUndoRefusesAnIrreversibleUnitGivingItsReason) {
  m_connection.rows = {applied_row("1_a")};
  Unit unit = make_unit("1_a", /*with_down=*/false);
  unit.irreversible = "m/1_a.yaml:2:5: dropTable cannot be undone automatically";
  try {
    undo({unit});
    FAIL() << "expected a PlanError";
  } catch (const PlanError& e) {
    EXPECT_THAT(e.what(), HasSubstr("m/1_a.yaml:2:5: dropTable cannot be undone automatically"));
  }
  EXPECT_THAT(m_log, ElementsAre("read_history ForgeMeta"));
}

}  // namespace
}  // namespace forge::core
