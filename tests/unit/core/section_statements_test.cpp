#include "core/section_statements.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

// A fleet's workers share one set of units: the first reads of a deferred section come from
// several threads at once (run under -fsanitize=thread to see a race, not only a wrong count).
TEST(SectionStatements, SplitsOnceWhenManyThreadsReadADeferredSectionAtOnce) {
  std::atomic<int> splits{0};
  const auto statements = SectionStatements::deferred([&] {
    ++splits;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // let the others arrive
    return std::vector<Statement>{Statement{"SELECT 1", "a.sql", 1, nullptr},
                                  Statement{"SELECT 2", "a.sql", 2, nullptr}};
  });
  std::vector<std::thread> readers;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&, i] {
      const SectionStatements own = statements;  // a copy taken as the others read
      const SectionStatements& read = i % 2 == 0 ? statements : own;
      if (read.size() == 2 && read.back().text == "SELECT 2" && read.is_split()) ++right;
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(splits, 1);
  EXPECT_EQ(right, 8);
}

class CountingStream : public StatementStream {
 public:
  void for_each(const std::function<bool(const Statement&)>& each) const override {
    ++passes;
    for (int line = 1; line <= 3; ++line) {
      if (!each(Statement{"SELECT " + std::to_string(line), "big.sql", line, nullptr})) return;
    }
  }
  mutable std::atomic<int> passes{0};
};

TEST(SectionStatements, HoldsAStreamedSectionOnceWhenManyThreadsReadItWhole) {
  const auto stream = std::make_shared<CountingStream>();
  const auto statements = SectionStatements::streamed(stream);
  EXPECT_TRUE(statements.is_streamed());
  std::vector<std::thread> readers;
  std::atomic<int> right{0};
  for (int i = 0; i < 8; ++i) {
    readers.emplace_back([&] {
      if (statements.all().size() == 3 && statements[2].line == 3) ++right;
    });
  }
  for (auto& reader : readers) reader.join();
  EXPECT_EQ(right, 8);
  EXPECT_EQ(stream->passes, 1);
  EXPECT_FALSE(statements.is_streamed());
  (void)statements.all();
  EXPECT_EQ(stream->passes, 1);  // held: not streamed again
}

TEST(SectionStatements, AppendingToACopyLeavesTheSharedSplitAlone) {
  const auto statements = SectionStatements::deferred([] {
    return std::vector<Statement>{Statement{"SELECT 1", "a.sql", 1, nullptr}};
  });
  SectionStatements copy = statements;
  copy.push_back(Statement{"SELECT 2", "a.sql", 2, nullptr});
  EXPECT_EQ(copy.size(), 2u);
  EXPECT_EQ(statements.size(), 1u);
}

}  // namespace
}  // namespace forge::core
