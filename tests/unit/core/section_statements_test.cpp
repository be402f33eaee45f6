#include "core/section_statements.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

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

// Three statements of one shape, of which the stream gives one when asked for their kinds.
class AlikeStatements final : public StatementStream {
 public:
  void for_each(const std::function<bool(const Statement&)>& each) const override {
    for (int line = 1; line <= 3; ++line) {
      if (!each(Statement{"INSERT " + std::to_string(line), "a.yaml", line, nullptr})) return;
    }
  }
  void for_each_kind(const std::function<bool(const Statement&)>& each) const override {
    each(Statement{"INSERT 1", "a.yaml", 1, nullptr});
  }
};

std::vector<int> lines_of(const SectionStatements& statements, bool kinds) {
  std::vector<int> lines;
  const auto note = [&](const Statement& statement) {
    lines.push_back(statement.line);
    return true;
  };
  kinds ? statements.visit_kinds(note) : statements.visit(note);
  return lines;
}

TEST(SectionStatements, AStreamMayGiveOneStatementOfEachKindWhenAskedForKindsOnly) {
  const auto streamed = SectionStatements::streamed(std::make_shared<AlikeStatements>());
  EXPECT_EQ(lines_of(streamed, false), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(lines_of(streamed, true), (std::vector<int>{1}));
  const SectionStatements held = {Statement{"A", "a.sql", 4, nullptr},
                                  Statement{"B", "a.sql", 5, nullptr}};
  EXPECT_EQ(lines_of(held, true), (std::vector<int>{4, 5}));
}

}  // namespace
}  // namespace forge::core
