#include "core/integrity.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "support/units.hpp"

namespace forge::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::make_unit;
using ::testing::Not;

// A history row recording `unit` as it is now: applied, same checksum.
HistoryRow row_for(const Unit& unit) {
  HistoryRow row = testing::applied_row(unit.name);
  row.checksum = unit.checksum.value();
  return row;
}

HistoryRow changed_row_for(const Unit& unit) {
  HistoryRow row = row_for(unit);
  row.checksum = "checksum-of-an-older-text";
  return row;
}

std::vector<std::string> names(const std::vector<const Entry*>& entries) {
  std::vector<std::string> out;
  for (const Entry* entry : entries) out.push_back(entry->name);
  return out;
}

// The units 1_a, 2_b, 3_c, 4_d, each with a different up section.
std::vector<Unit> four_units() {
  return {make_unit("1_a", true, {"CREATE TABLE a (id INT)"}),
          make_unit("2_b", true, {"CREATE TABLE b (id INT)"}),
          make_unit("3_c", true, {"CREATE TABLE c (id INT)"}),
          make_unit("4_d", true, {"CREATE TABLE d (id INT)"})};
}

// Units, history and the catalog over them, kept together: a Catalog (and so an Integrity)
// points into both.
struct Scene {
  Scene(std::vector<Unit> files, std::vector<HistoryRow> rows)
      : units(std::move(files)), history(std::move(rows)), catalog(units, history) {}
  Integrity found() const { return inspect(catalog); }

  const std::vector<Unit> units;
  const std::vector<HistoryRow> history;
  const Catalog catalog;
};

TEST(Inspect, FindsNothingWhenTheHistoryMatchesTheFiles) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[0]), row_for(units[1])});

  const Integrity found = scene.found();

  EXPECT_THAT(found.changed, IsEmpty());
  EXPECT_THAT(found.missing, IsEmpty());
  EXPECT_THAT(found.out_of_order, IsEmpty());
}

TEST(Inspect, FindsNothingInAFreshDatabase) {
  const Scene scene(four_units(), {});

  const Integrity found = scene.found();

  EXPECT_THAT(found.changed, IsEmpty());
  EXPECT_THAT(found.missing, IsEmpty());
  EXPECT_THAT(found.out_of_order, IsEmpty());
}

TEST(Inspect, AnAppliedUnitWhoseChecksumDiffersIsChanged) {
  const auto units = four_units();
  const Scene scene(units,
                    {row_for(units[0]), changed_row_for(units[1]), changed_row_for(units[2])});

  EXPECT_THAT(names(scene.found().changed), ElementsAre("2_b", "3_c"));
}

TEST(Inspect, ARowWithoutAChecksumWrittenByAnotherToolIsNeverChanged) {
  const auto units = four_units();
  HistoryRow adopted = row_for(units[0]);
  adopted.name = "1_a.js";  // as sequelize-cli stores it
  adopted.checksum = "";
  const Scene scene(units, {adopted});

  const Integrity found = scene.found();

  EXPECT_THAT(found.changed, IsEmpty());
  EXPECT_THAT(found.missing, IsEmpty());  // 1_a.js is the unit 1_a
}

TEST(Inspect, AFailedUnitIsNotReportedAsChanged) {
  const auto units = four_units();
  HistoryRow failed = changed_row_for(units[0]);
  failed.state = RowState::failed;
  const Scene scene(units, {failed});

  EXPECT_THAT(scene.found().changed, IsEmpty());
}

TEST(Inspect, ARowWhoseFileIsGoneIsMissingAndNotChanged) {
  const auto units = four_units();
  const Scene scene({units[0], units[2]},
                    {row_for(units[0]), changed_row_for(units[1]), row_for(units[2])});

  const Integrity found = scene.found();

  EXPECT_THAT(names(found.missing), ElementsAre("2_b"));
  EXPECT_THAT(found.changed, IsEmpty());
}

TEST(Inspect, PendingUnitsOlderThanTheNewestAppliedOneAreOutOfOrder) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[2])});

  EXPECT_THAT(names(scene.found().out_of_order), ElementsAre("1_a", "2_b"));  // not 4_d
}

TEST(Inspect, PendingUnitsAfterTheNewestAppliedOneAreInOrder) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[0]), row_for(units[1])});

  EXPECT_THAT(scene.found().out_of_order, IsEmpty());
}

TEST(Inspect, AFailedUnitCountsAsRunWhenOrdering) {
  const auto units = four_units();
  HistoryRow failed = row_for(units[1]);
  failed.state = RowState::failed;
  const Scene scene(units, {failed});

  EXPECT_THAT(names(scene.found().out_of_order), ElementsAre("1_a"));
}

TEST(Inspect, ARowWithoutItsFileCountsAsRunWhenOrdering) {
  const auto units = four_units();
  const Scene scene({units[0], units[1]}, {row_for(units[2])});

  EXPECT_THAT(names(scene.found().out_of_order), ElementsAre("1_a", "2_b"));
}

// What enforce_before_migrate said through its warn callback.
struct Warnings {
  std::vector<std::string> lines;
  Warn sink() {
    return [this](const std::string& text) { lines.push_back(text); };
  }
};

TEST(EnforceBeforeMigrate, SaysNothingWhenAllIsWell) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[0])});
  Warnings warnings;

  EXPECT_NO_THROW(enforce_before_migrate(scene.found(), true, warnings.sink()));
  EXPECT_THAT(warnings.lines, IsEmpty());
}

TEST(EnforceBeforeMigrate, RefusesChangedUnitsNamingThemAndHowToAcceptThem) {
  const auto units = four_units();
  const Scene scene(units, {changed_row_for(units[0]), changed_row_for(units[1])});
  Warnings warnings;

  try {
    enforce_before_migrate(scene.found(), false, warnings.sink());
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& error) {
    EXPECT_EQ(error.exit_code(), ExitCode::refused);
    EXPECT_THAT(error.what(), HasSubstr("1_a, 2_b"));
    EXPECT_THAT(error.hint(), HasSubstr("forge db:migrate:resolve 1_a --accept-checksum"));
  }
  EXPECT_THAT(warnings.lines, IsEmpty());
}

TEST(EnforceBeforeMigrate, RefusesAChangedUnitBeforeWarningAboutAnythingElse) {
  const auto units = four_units();
  const Scene scene({units[0], units[2], units[3]}, {row_for(units[1]), changed_row_for(units[2])});
  Warnings warnings;

  EXPECT_THROW(enforce_before_migrate(scene.found(), false, warnings.sink()), RefusedError);
  EXPECT_THAT(warnings.lines, IsEmpty());
}

TEST(EnforceBeforeMigrate, WarnsAboutMissingFilesAndCarriesOn) {
  const auto units = four_units();
  const Scene scene({units[0], units[2]}, {row_for(units[0]), row_for(units[1])});
  Warnings warnings;

  EXPECT_NO_THROW(enforce_before_migrate(scene.found(), false, warnings.sink()));
  ASSERT_EQ(warnings.lines.size(), 1u);
  EXPECT_THAT(warnings.lines[0], HasSubstr("file is gone: 2_b"));
  EXPECT_THAT(warnings.lines[0], Not(HasSubstr("1_a")));
}

TEST(EnforceBeforeMigrate, RefusesMissingFilesWhenStrict) {
  const auto units = four_units();
  const Scene scene({units[0], units[2]}, {row_for(units[0]), row_for(units[1])});
  Warnings warnings;

  try {
    enforce_before_migrate(scene.found(), true, warnings.sink());
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& error) {
    EXPECT_THAT(error.what(), HasSubstr("2_b"));
    EXPECT_THAT(error.what(), HasSubstr("--strict"));
  }
  EXPECT_THAT(warnings.lines, IsEmpty());
}

TEST(EnforceBeforeMigrate, WarnsAboutOutOfOrderUnitsAndCarriesOn) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[0]), row_for(units[2])});
  Warnings warnings;

  EXPECT_NO_THROW(enforce_before_migrate(scene.found(), false, warnings.sink()));
  ASSERT_EQ(warnings.lines.size(), 1u);
  EXPECT_THAT(warnings.lines[0], HasSubstr("older than the newest applied one: 2_b"));
  EXPECT_THAT(warnings.lines[0], HasSubstr("out of order"));
}

TEST(EnforceBeforeMigrate, RefusesOutOfOrderUnitsWhenStrict) {
  const auto units = four_units();
  const Scene scene(units, {row_for(units[0]), row_for(units[2])});
  Warnings warnings;

  try {
    enforce_before_migrate(scene.found(), true, warnings.sink());
    FAIL() << "expected a RefusedError";
  } catch (const RefusedError& error) {
    EXPECT_THAT(error.what(), HasSubstr("2_b"));
    EXPECT_THAT(error.what(), Not(HasSubstr("4_d")));
  }
}

TEST(EnforceBeforeMigrate, WarnsOnceForMissingFilesAndOnceForOutOfOrderUnits) {
  const auto units = four_units();
  const Scene scene({units[0], units[1], units[3]}, {row_for(units[0]), row_for(units[2])});
  Warnings warnings;

  enforce_before_migrate(scene.found(), false, warnings.sink());

  ASSERT_EQ(warnings.lines.size(), 2u);
  EXPECT_THAT(warnings.lines[0], HasSubstr("3_c"));
  EXPECT_THAT(warnings.lines[1], HasSubstr("2_b"));
}

}  // namespace
}  // namespace forge::core
