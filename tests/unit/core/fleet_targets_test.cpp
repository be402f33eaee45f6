#include "core/fleet_targets.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::core {
namespace {

Getenv environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "PGPASS") return std::string("pw");
    return std::nullopt;
  };
}

TEST(TargetLines, SkipsCommentsAndBlankLinesAndExpandsVariables) {
  const auto lines = read_target_lines(
      "# tenants\n\n  postgres://app:${PGPASS}@db/t1  \n\tproduction\r\n  # indented comment\n"
      "sqlite:${DIR:-db}/t2.db",
      "targets.txt", environment());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "postgres://app:pw@db/t1");
  EXPECT_EQ(lines[0].where, "targets.txt:3");
  EXPECT_TRUE(lines[0].is_url());
  EXPECT_EQ(lines[1].text, "production");
  EXPECT_FALSE(lines[1].is_url());
  EXPECT_EQ(lines[2].text, "sqlite:db/t2.db");
  EXPECT_EQ(lines[2].where, "targets.txt:6");
}

TEST(TargetLines, AnUnsetVariableNamesTheLine) {
  try {
    read_target_lines("sqlite:a.db\npostgres://${NOPE}@db/x\n", "list", environment());
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), ::testing::HasSubstr("list:2"));
    EXPECT_THAT(error.what(), ::testing::HasSubstr("NOPE"));
  }
}

TEST(TargetLines, AListWithoutTargetsIsRefused) {
  EXPECT_THROW(read_target_lines("# nothing\n\n", "list", environment()), ConfigError);
}

}  // namespace
}  // namespace forge::core
