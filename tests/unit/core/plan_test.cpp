#include "core/plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::make_unit;
using testing::undo_all;

std::vector<std::string> described(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  for (const auto& step : steps) {
    out.push_back((step.direction == Direction::up ? "up " : "down ") + step.entry->name);
  }
  return out;
}

// Five units; the first two applied.
class Plan : public ::testing::Test {
 protected:
  std::vector<Step> migrate(MigrateRequest request = {}) {
    return plan_migrate(m_catalog, request);
  }
  std::vector<Step> undo(UndoRequest request = {}) { return plan_undo(m_catalog, request); }

  std::vector<Unit> m_units{make_unit("1_a"), make_unit("2_b"), make_unit("3_c"), make_unit("10_d"),
                            make_unit("20_e")};
  std::vector<HistoryRow> m_history{applied_row("1_a"), applied_row("2_b")};
  Catalog m_catalog{m_units, m_history};
};

// --- migrate ------------------------------------------------------------------------

TEST_F(Plan, MigratesEveryPendingUnitInOrder) {
  EXPECT_THAT(described(migrate()), ElementsAre("up 3_c", "up 10_d", "up 20_e"));
}

TEST_F(Plan, MigratesUpToAndIncludingTheToUnit) {
  EXPECT_THAT(described(migrate({"10_d", std::nullopt, std::nullopt, {}})),
              ElementsAre("up 3_c", "up 10_d"));
  EXPECT_THAT(described(migrate({"3", std::nullopt, std::nullopt, {}})), ElementsAre("up 3_c"));
}

TEST_F(Plan, MigratesNothingWhenTheToUnitIsAlreadyApplied) {
  EXPECT_TRUE(migrate({"2_b", std::nullopt, std::nullopt, {}}).empty());
}

TEST_F(Plan, MigratesOnlyUnitsAfterTheFromUnit) {
  MigrateRequest request;
  request.from = "3_c";
  EXPECT_THAT(described(migrate(request)), ElementsAre("up 10_d", "up 20_e"));
}

TEST_F(Plan, MigratesBetweenFromAndTo) {
  MigrateRequest request;
  request.from = "2_b";
  request.to = "10_d";
  EXPECT_THAT(described(migrate(request)), ElementsAre("up 3_c", "up 10_d"));
}

TEST_F(Plan, MigratesAtMostStepUnits) {
  EXPECT_THAT(described(migrate({std::nullopt, 2, std::nullopt, {}})),
              ElementsAre("up 3_c", "up 10_d"));
  EXPECT_THAT(described(migrate({std::nullopt, 99, std::nullopt, {}})),
              ElementsAre("up 3_c", "up 10_d", "up 20_e"));
}

TEST_F(Plan, AppliesBothToAndStep) {
  EXPECT_THAT(described(migrate({"20_e", 1, std::nullopt, {}})), ElementsAre("up 3_c"));
  EXPECT_THAT(described(migrate({"3_c", 5, std::nullopt, {}})), ElementsAre("up 3_c"));
}

TEST_F(Plan, MigratesExactlyTheNamedPendingUnitsInTheCatalogsOrder) {
  MigrateRequest request;
  request.names = {"20_e", "3_c", "2_b", "3"};
  EXPECT_THAT(described(migrate(request)), ElementsAre("up 3_c", "up 20_e"));
}

TEST_F(Plan, RefusesAnUnknownNamedUnit) {
  MigrateRequest request;
  request.names = {"3_c", "4_nothing"};
  EXPECT_THROW(migrate(request), UsageError);
}

TEST_F(Plan, RefusesAStepBelowOne) {
  EXPECT_THROW(migrate({std::nullopt, 0, std::nullopt, {}}), UsageError);
  EXPECT_THROW(migrate({std::nullopt, -3, std::nullopt, {}}), UsageError);
}

TEST_F(Plan, RefusesAnUnknownToUnit) {
  EXPECT_THROW(migrate({"4_nothing", std::nullopt, std::nullopt, {}}), UsageError);
}

TEST_F(Plan, DoesNotMigrateAnAppliedUnitWhoseFileIsGone) {
  const std::vector<Unit> units{make_unit("2_b")};
  const std::vector<HistoryRow> history{applied_row("1_gone")};
  EXPECT_THAT(described(plan_migrate(Catalog(units, history), {})), ElementsAre("up 2_b"));
}

TEST_F(Plan, FillsInAPendingUnitOlderThanAnAppliedOne) {
  const std::vector<HistoryRow> history{applied_row("1_a"), applied_row("10_d")};
  EXPECT_THAT(described(plan_migrate(Catalog(m_units, history), {})),
              ElementsAre("up 2_b", "up 3_c", "up 20_e"));
}

// --- undo ---------------------------------------------------------------------------

TEST_F(Plan, UndoesTheLastAppliedUnit) { EXPECT_THAT(described(undo()), ElementsAre("down 2_b")); }

TEST_F(Plan, UndoesStepUnitsNewestFirst) {
  UndoRequest request;
  request.step = 2;
  EXPECT_THAT(described(undo(request)), ElementsAre("down 2_b", "down 1_a"));
  request.step = 10;
  EXPECT_THAT(described(undo(request)), ElementsAre("down 2_b", "down 1_a"));
}

TEST_F(Plan, UndoesTheNamedUnitOnly) {
  UndoRequest request;
  request.name = "1_a.up.sql";
  EXPECT_THAT(described(undo(request)), ElementsAre("down 1_a"));
}

TEST_F(Plan, RefusesToUndoANamedUnitThatIsNotApplied) {
  UndoRequest request;
  request.name = "3_c";
  try {
    undo(request);
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_THAT(e.what(), HasSubstr("3_c is not applied"));
  }
}

TEST_F(Plan, RefusesAnUndoStepBelowOne) {
  UndoRequest request;
  request.step = 0;
  EXPECT_THROW(undo(request), UsageError);
}

TEST_F(Plan, UndoesNothingWhenNothingIsApplied) {
  EXPECT_TRUE(plan_undo(Catalog(m_units, {}), {}).empty());
  EXPECT_TRUE(plan_undo(Catalog(m_units, {}), undo_all()).empty());
}

TEST_F(Plan, UndoesAllAppliedUnitsNewestFirst) {
  const std::vector<HistoryRow> history{applied_row("1_a"), applied_row("3_c"),
                                        applied_row("20_e")};
  EXPECT_THAT(described(plan_undo(Catalog(m_units, history), undo_all())),
              ElementsAre("down 20_e", "down 3_c", "down 1_a"));
}

TEST_F(Plan, UndoesAllDownToAndIncludingTheToUnit) {
  const std::vector<HistoryRow> history{applied_row("1_a"), applied_row("2_b"), applied_row("3_c"),
                                        applied_row("10_d")};
  const Catalog catalog(m_units, history);
  EXPECT_THAT(described(plan_undo(catalog, undo_all("2_b"))),
              ElementsAre("down 10_d", "down 3_c", "down 2_b"));
  EXPECT_THAT(described(plan_undo(catalog, undo_all("10"))), ElementsAre("down 10_d"));
}

TEST_F(Plan, RefusesAnUnknownUndoAllToUnit) {
  EXPECT_THROW(undo(undo_all("4_nothing")), UsageError);
}

TEST_F(Plan, RefusesBeforeAnyStepToUndoAUnitWithoutADown) {
  const std::vector<Unit> units{make_unit("1_a", /*with_down=*/false), make_unit("2_b")};
  const std::vector<HistoryRow> history{applied_row("1_a"), applied_row("2_b")};
  try {
    plan_undo(Catalog(units, history), undo_all());
    FAIL() << "expected a PlanError";
  } catch (const PlanError& e) {
    EXPECT_THAT(e.what(), HasSubstr("1_a"));
    EXPECT_THAT(e.what(), HasSubstr("no down section"));
  }
}

TEST_F(Plan, RefusesToUndoAnIrreversibleUnitNamingTheOperationThatPreventsIt) {
  Unit one_way = make_unit("1_a", /*with_down=*/false);
  one_way.irreversible =
      "m/1_a.yaml:3:5: dropTable cannot be undone automatically: the dropped table's columns "
      "and rows are not in the unit; write a down list";
  const std::vector<Unit> units{one_way, make_unit("2_b")};
  const std::vector<HistoryRow> history{applied_row("1_a"), applied_row("2_b")};
  try {
    plan_undo(Catalog(units, history), undo_all());
    FAIL() << "expected a PlanError";
  } catch (const PlanError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot undo 1_a"));
    EXPECT_THAT(e.what(), HasSubstr(one_way.irreversible));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("no down section")));
    EXPECT_THAT(e.hint(), HasSubstr("down"));
  }
}

TEST_F(Plan, RefusesBeforeAnyStepToUndoAUnitWhoseFileIsGone) {
  const std::vector<Unit> units{make_unit("2_b")};
  const std::vector<HistoryRow> history{applied_row("1_gone"), applied_row("2_b")};
  UndoRequest request;
  request.step = 2;
  try {
    plan_undo(Catalog(units, history), request);
    FAIL() << "expected a PlanError";
  } catch (const PlanError& e) {
    EXPECT_THAT(e.what(), HasSubstr("1_gone"));
    EXPECT_THAT(e.what(), HasSubstr("missing"));
  }
}

TEST_F(Plan, UndoesAUnitWithAnEmptyDown) {
  // An empty down is a valid no-op; only a missing down cannot be undone.
  EXPECT_THAT(described(undo()), ElementsAre("down 2_b"));
  EXPECT_TRUE(m_units[1].down->statements.empty());
}

// --- failed units -------------------------------------------------------------------

class PlanWithAFailedUnit : public ::testing::Test {
 protected:
  PlanWithAFailedUnit() {
    HistoryRow failed = applied_row("2_b");
    failed.state = RowState::failed;
    failed.statements_done = 1;
    failed.statement_hashes = hash_statements({"CREATE TABLE b1 (x)"});
    m_history = {applied_row("1_a"), failed};
  }
  Catalog catalog() const { return Catalog(m_units, m_history); }

  std::vector<Unit> m_units{make_unit("1_a"),
                            make_unit("2_b", true, {"CREATE TABLE b1 (x)", "CREATE TABLE b2 (y)"}),
                            make_unit("3_c")};
  std::vector<HistoryRow> m_history;
};

TEST_F(PlanWithAFailedUnit, ResumesItAfterTheStatementsThatTookEffectThenGoesOn) {
  const Catalog c = catalog();
  const auto steps = plan_migrate(c, {});
  ASSERT_THAT(described(steps), ElementsAre("up 2_b", "up 3_c"));
  EXPECT_EQ(steps[0].resume_from, 1u);
  EXPECT_EQ(steps[1].resume_from, 0u);
}

TEST_F(PlanWithAFailedUnit, RefusesWhenAStatementThatTookEffectHasChanged) {
  m_units[1] = make_unit("2_b", true, {"CREATE TABLE b1 (changed)", "CREATE TABLE b2 (y)"});
  const Catalog c = catalog();
  try {
    plan_migrate(c, {});
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& e) {
    EXPECT_THAT(e.what(), HasSubstr("2_b"));
    EXPECT_THAT(e.hint(), HasSubstr("db:migrate:resolve 2_b"));
  }
}

TEST_F(PlanWithAFailedUnit, RefusesWhenItsFileIsGone) {
  m_units.erase(m_units.begin() + 1);
  const Catalog c = catalog();
  EXPECT_THROW(plan_migrate(c, {}), RefusedError);
}

TEST_F(PlanWithAFailedUnit, RefusesToUndoIt) {
  const Catalog c = catalog();
  EXPECT_THROW(plan_undo(c, {}), RefusedError);
}

TEST_F(PlanWithAFailedUnit, ShowsItAsNeitherAppliedNorPending) {
  const Catalog c = catalog();
  const Entry& entry = c.entries()[1];
  EXPECT_TRUE(entry.is_failed());
  EXPECT_FALSE(entry.is_applied());
  EXPECT_FALSE(entry.is_pending());
}

}  // namespace
}  // namespace forge::core
