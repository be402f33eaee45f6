#include "core/section_statements.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace forge::core {
namespace {

TEST(SectionStatements, RunsADeferredSplitOnceAndOnlyWhenRead) {
  int splits = 0;
  const auto statements = SectionStatements::deferred([&] {
    ++splits;
    return std::vector<Statement>{Statement{"SELECT 1", "a.sql", 2, nullptr}};
  });
  EXPECT_EQ(splits, 0);
  EXPECT_FALSE(statements.is_split());
  EXPECT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_EQ(statements.front().text, "SELECT 1");
  EXPECT_EQ(splits, 1);
  EXPECT_TRUE(statements.is_split());
}

TEST(SectionStatements, ThrowsAgainOnEveryReadOfASplitThatFails) {
  const auto statements = SectionStatements::deferred(
      []() -> std::vector<Statement> { throw std::runtime_error("a.sql:3: unterminated"); });
  EXPECT_THROW((void)statements.empty(), std::runtime_error);
  EXPECT_THROW((void)statements.all(), std::runtime_error);
}

TEST(SectionStatements, AppendsAfterTheSplitStatements) {
  auto statements = SectionStatements::deferred([] {
    return std::vector<Statement>{Statement{"SELECT 1", "a.sql", 1, nullptr}};
  });
  statements.push_back(Statement{"SELECT 2", "a.sql", 2, nullptr});
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements.back().text, "SELECT 2");
}

TEST(SectionStatements, HoldsStatementsGivenAlreadySplit) {
  const SectionStatements statements(
      std::vector<Statement>{Statement{"SELECT 1", "a", 1, nullptr}});
  EXPECT_TRUE(statements.is_split());
  EXPECT_EQ(statements.at(0).text, "SELECT 1");
  EXPECT_TRUE(SectionStatements{}.empty());
}

}  // namespace
}  // namespace forge::core
