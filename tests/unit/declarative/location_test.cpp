#include "declarative/location.hpp"

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "declarative/suggestion.hpp"
#include "declarative/value.hpp"

namespace forge::declarative {
namespace {

TEST(SourceLocation, PrintsAsFileLineColumnLeavingOutUnknownParts) {
  EXPECT_EQ(to_string(SourceLocation{"u.yaml", 3, 7}), "u.yaml:3:7");
  EXPECT_EQ(to_string(SourceLocation{"u.yaml", 3, 0}), "u.yaml:3");
  EXPECT_EQ(to_string(SourceLocation{"u.yaml", 0, 0}), "u.yaml");
}

TEST(FailAt, ThrowsAMigrationFileErrorStartingWithTheLocation) {
  try {
    fail_at(SourceLocation{"u.yaml", 3, 7}, "bad thing");
    FAIL() << "no throw";
  } catch (const MigrationFileError& e) {
    EXPECT_STREQ(e.what(), "u.yaml:3:7: bad thing");
    EXPECT_EQ(e.file(), "u.yaml");
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
  }
}

TEST(MigrationFileError, KeepsItsLineOnlyFormWhenNoColumnIsGiven) {
  const MigrationFileError error("u.sql", 4, "oops");
  EXPECT_STREQ(error.what(), "u.sql:4: oops");
  EXPECT_EQ(error.column(), 0);
  EXPECT_STREQ(MigrationFileError("dir", 0, "missing").what(), "dir: missing");
}

TEST(Origin, FindsAWrittenOptionAndFallsBackToItsOwnLocation) {
  Origin origin{SourceLocation{"u.yaml", 2, 5}, {}};
  origin.options.emplace("after", SourceLocation{"u.yaml", 7, 7});
  EXPECT_EQ(origin.of("after").line, 7);
  EXPECT_EQ(origin.of("first").line, 2);
  EXPECT_TRUE(origin.has("after"));
  EXPECT_FALSE(origin.has("first"));
}

TEST(DidYouMean, SuggestsTheNearestCandidateOnlyWhenItIsNear) {
  EXPECT_EQ(did_you_mean("allownull", {"allowNull", "after"}), " (did you mean 'allowNull'?)");
  EXPECT_EQ(did_you_mean("tabel", {"table", "column"}), " (did you mean 'table'?)");
  EXPECT_EQ(did_you_mean("zzzzzz", {"table", "column"}), "");
}

TEST(DescribeLiteral, ShowsEachLiteralAsYamlWouldWriteIt) {
  EXPECT_EQ(describe(Literal{nullptr}), "null");
  EXPECT_EQ(describe(Literal{true}), "true");
  EXPECT_EQ(describe(Literal{std::int64_t{-4}}), "-4");
  EXPECT_EQ(describe(Literal{Decimal{"1.50"}}), "1.50");
  EXPECT_EQ(describe(Literal{std::string("it's")}), "'it''s'");
}

}  // namespace
}  // namespace forge::declarative
