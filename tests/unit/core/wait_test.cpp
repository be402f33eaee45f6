#include "core/wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Le;
using namespace std::chrono_literals;

class NullConnection : public Connection {
 public:
  Dialect dialect() const noexcept override { return Dialect::sqlite; }
  Capabilities capabilities() const noexcept override { return {}; }
  void execute(const Statement&) override {}
  std::unique_ptr<Transaction> begin() override { return nullptr; }
  std::unique_ptr<MigrationLock> lock(std::chrono::milliseconds) override { return nullptr; }
  const HistorySql& history_sql() const override { throw std::logic_error("no history"); }
  std::vector<std::vector<std::string>> query(const std::string&, const std::vector<std::string>&,
                                              const std::string&) override {
    return {};
  }
};

// A connector that fails `failures` times with ConnectionError, then connects.
Connector failing(int failures, int& attempts) {
  return [failures, &attempts]() -> std::unique_ptr<Connection> {
    if (++attempts <= failures) throw ConnectionError("connection refused", {});
    return std::make_unique<NullConnection>();
  };
}

TEST(ConnectWithRetry, TriesOnceWithoutPatience) {
  int attempts = 0;
  std::vector<std::chrono::milliseconds> pauses;
  EXPECT_THROW(
      connect_with_retry(failing(1, attempts), 0ms, [&](auto pause) { pauses.push_back(pause); }),
      ConnectionError);
  EXPECT_EQ(attempts, 1);
  EXPECT_TRUE(pauses.empty());
}

TEST(ConnectWithRetry, RetriesWithAGrowingPauseUntilItConnects) {
  int attempts = 0;
  std::vector<std::chrono::milliseconds> pauses;
  auto connection =
      connect_with_retry(failing(3, attempts), 60s, [&](auto pause) { pauses.push_back(pause); });
  EXPECT_NE(connection, nullptr);
  EXPECT_EQ(attempts, 4);
  EXPECT_THAT(pauses, ElementsAre(200ms, 400ms, 800ms));
}

TEST(ConnectWithRetry, NeverPausesLongerThanTwoSeconds) {
  int attempts = 0;
  std::vector<std::chrono::milliseconds> pauses;
  connect_with_retry(failing(7, attempts), 600s, [&](auto pause) { pauses.push_back(pause); });
  EXPECT_THAT(pauses, ElementsAre(200ms, 400ms, 800ms, 1600ms, 2000ms, 2000ms, 2000ms));
}

TEST(ConnectWithRetry, GivesUpWithTheLastConnectionErrorWhenPatienceRunsOut) {
  int attempts = 0;
  std::vector<std::chrono::milliseconds> pauses;
  EXPECT_THROW(connect_with_retry(failing(1000, attempts), 120ms,
                                  [&](auto pause) {
                                    pauses.push_back(pause);
                                    std::this_thread::sleep_for(pause);
                                  }),
               ConnectionError);
  EXPECT_GE(attempts, 2);
  EXPECT_THAT(pauses, Each(Le(120ms)));
}

TEST(ConnectWithRetry, PassesOtherErrorsThroughAtOnce) {
  int attempts = 0;
  std::vector<std::chrono::milliseconds> pauses;
  auto refuse = [&]() -> std::unique_ptr<Connection> {
    ++attempts;
    throw ConfigError("no adapter", {});
  };
  EXPECT_THROW(connect_with_retry(refuse, 60s, [&](auto pause) { pauses.push_back(pause); }),
               ConfigError);
  EXPECT_EQ(attempts, 1);
  EXPECT_TRUE(pauses.empty());
}

}  // namespace
}  // namespace forge::core
