#include "core/catalog.hpp"

#include <gtest/gtest.h>

#include "support/units.hpp"

namespace forge::core {
namespace {

using testing::applied_row;
using testing::make_unit;

std::vector<std::string> names_of(const Catalog& catalog) {
  std::vector<std::string> names;
  for (const auto& entry : catalog.entries()) names.push_back(entry.name);
  return names;
}

TEST(Catalog, MergesUnitsAndHistoryInVersionOrder) {
  const std::vector<Unit> units{make_unit("1_a"), make_unit("2_b"), make_unit("10_c")};
  const std::vector<HistoryRow> history{applied_row("2_b"), applied_row("5_gone")};
  const Catalog catalog(units, history);
  EXPECT_EQ(names_of(catalog), (std::vector<std::string>{"1_a", "2_b", "5_gone", "10_c"}));
}

TEST(Catalog, TellsAppliedPendingAndMissingFileEntriesApart) {
  const std::vector<Unit> units{make_unit("1_a"), make_unit("2_b")};
  const std::vector<HistoryRow> history{applied_row("2_b"), applied_row("3_gone")};
  const Catalog catalog(units, history);
  const auto& entries = catalog.entries();
  ASSERT_EQ(entries.size(), 3u);

  EXPECT_TRUE(entries[0].has_file());
  EXPECT_FALSE(entries[0].is_applied());
  EXPECT_EQ(entries[0].unit, &units[0]);

  EXPECT_TRUE(entries[1].has_file());
  EXPECT_TRUE(entries[1].is_applied());
  EXPECT_EQ(entries[1].row, &history[0]);

  EXPECT_FALSE(entries[2].has_file());
  EXPECT_TRUE(entries[2].is_applied());
  EXPECT_EQ(entries[2].version, "3");
}

TEST(Catalog, OrdersTwentyDigitVersionsAsNumbers) {
  const std::vector<Unit> units{make_unit("20240315102344000002_b"), make_unit("99_small")};
  const std::vector<HistoryRow> history{applied_row("20240315102344000001_a")};
  const Catalog catalog(units, history);
  EXPECT_EQ(names_of(catalog), (std::vector<std::string>{"99_small", "20240315102344000001_a",
                                                         "20240315102344000002_b"}));
}

TEST(Catalog, OrdersEqualVersionsByName) {
  const std::vector<Unit> units{make_unit("3_b")};
  const std::vector<HistoryRow> history{applied_row("3_c"), applied_row("03_a")};
  const Catalog catalog(units, history);
  EXPECT_EQ(names_of(catalog), (std::vector<std::string>{"03_a", "3_b", "3_c"}));
}

TEST(Catalog, GivesThePositionOfAnEntry) {
  const std::vector<Unit> units{make_unit("1_a"), make_unit("2_b")};
  const Catalog catalog(units, {});
  EXPECT_EQ(catalog.index_of(catalog.entries()[1]), 1u);
}

TEST(Catalog, IsEmptyWithoutUnitsOrHistory) { EXPECT_TRUE(Catalog({}, {}).entries().empty()); }

}  // namespace
}  // namespace forge::core
