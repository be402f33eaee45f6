#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace forge::util {
namespace {

TEST(Trim, RemovesLeadingAndTrailingWhitespaceOnly) {
  EXPECT_EQ(trim("  \t a b \r\n"), "a b");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim(" \n "), "");
}

TEST(ToLower, LowersAsciiLetters) { EXPECT_EQ(to_lower("SQLite3-Foo_BAR"), "sqlite3-foo_bar"); }

TEST(StartsWith, IsCaseSensitive) {
  EXPECT_TRUE(starts_with("forge:up", "forge"));
  EXPECT_FALSE(starts_with("Forge:up", "forge"));
  EXPECT_FALSE(starts_with("fo", "forge"));
  EXPECT_TRUE(starts_with("anything", ""));
}

TEST(EndsWith, MatchesSuffixesOnly) {
  EXPECT_TRUE(ends_with("1_init.up.sql", ".up.sql"));
  EXPECT_FALSE(ends_with("1_init.up.sql", ".down.sql"));
  EXPECT_FALSE(ends_with("sql", ".sql"));
}

TEST(StartsWithNocase, IgnoresCase) {
  EXPECT_TRUE(starts_with_nocase("DeLiMiTeR $$", "delimiter"));
  EXPECT_FALSE(starts_with_nocase("DELIM", "delimiter"));
}

TEST(NormalizeNewlines, TurnsCrlfAndLoneCrIntoLf) {
  EXPECT_EQ(normalize_newlines("a\r\nb\rc\nd\r"), "a\nb\nc\nd\n");
  EXPECT_EQ(normalize_newlines("\r\n\r\n"), "\n\n");
}

TEST(Split, KeepsEmptyPieces) {
  EXPECT_EQ(split("a,,b,", ','), (std::vector<std::string>{"a", "", "b", ""}));
}

TEST(Split, GivesOneEmptyPieceForEmptyInput) {
  EXPECT_EQ(split("", ','), (std::vector<std::string>{""}));
}

TEST(Join, PutsTheSeparatorBetweenPieces) {
  EXPECT_EQ(join({"a", "b", "c"}, ", "), "a, b, c");
  EXPECT_EQ(join({}, ", "), "");
  EXPECT_EQ(join({"only"}, ", "), "only");
}

TEST(CountNewlines, CountsLineFeeds) {
  EXPECT_EQ(count_newlines("a\nb\n\nc"), 3);
  EXPECT_EQ(count_newlines(""), 0);
}

TEST(IsDigits, IsTrueOnlyForNonEmptyDigitRuns) {
  EXPECT_TRUE(is_digits("00123"));
  EXPECT_FALSE(is_digits(""));
  EXPECT_FALSE(is_digits("12a"));
  EXPECT_FALSE(is_digits("-1"));
}

TEST(NumberAfterLast, ReadsTheNumberAfterTheLastMarker) {
  EXPECT_EQ(number_after_last("near x at character 12, LINE 3: LINE 47", "LINE "), 47);
  EXPECT_EQ(number_after_last("position 9", "position "), 9);
}

TEST(NumberAfterLast, IsEmptyWithoutAMarkerOrDigits) {
  EXPECT_EQ(number_after_last("no marker here", "LINE "), std::nullopt);
  EXPECT_EQ(number_after_last("LINE x", "LINE "), std::nullopt);
  EXPECT_EQ(number_after_last("LINE 5 then LINE ", "LINE "), std::nullopt);
}

TEST(NumberAfterLast, RefusesAbsurdlyLargeNumbers) {
  EXPECT_EQ(number_after_last("line 99999999999999999999", "line "), std::nullopt);
}

}  // namespace
}  // namespace forge::util
