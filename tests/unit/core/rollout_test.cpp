#include "core/rollout.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "core/fleet_pool.hpp"

namespace forge::core {
namespace {

using Next = Rollout::Next;

std::size_t start(Rollout& rollout) {
  std::size_t index = 99;
  EXPECT_EQ(rollout.next(index), Next::start);
  return index;
}

TEST(Rollout, StartsEveryTargetInOrderWhenNothingFails) {
  Rollout rollout(3, {0, 1});
  EXPECT_EQ(start(rollout), 0u);
  EXPECT_EQ(start(rollout), 1u);
  EXPECT_EQ(start(rollout), 2u);
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::done);
  EXPECT_TRUE(rollout.stop_reason().empty());
}

TEST(Rollout, TheRestWaitsForTheCanaryToFinish) {
  Rollout rollout(5, {2, std::nullopt});
  start(rollout);
  start(rollout);
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::wait);
  rollout.finished(true);
  EXPECT_EQ(rollout.next(index), Next::wait);
  rollout.finished(true);
  EXPECT_EQ(start(rollout), 2u);
}

TEST(Rollout, AFailedCanaryStopsEvenWhenFailuresAreAllowed) {
  Rollout rollout(5, {2, std::nullopt});
  start(rollout);
  rollout.finished(false);
  EXPECT_EQ(start(rollout), 1u);  // the whole canary runs
  rollout.finished(true);
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::done);
  EXPECT_EQ(rollout.stop_reason(), "a canary database failed (--canary 2)");
}

TEST(Rollout, StopsStartingAfterMaxFailures) {
  Rollout rollout(10, {0, 2});
  start(rollout);
  rollout.finished(false);
  start(rollout);
  rollout.finished(true);
  start(rollout);
  rollout.finished(false);
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::done);
  EXPECT_EQ(rollout.failures(), 2u);
  EXPECT_EQ(rollout.stop_reason(), "2 database(s) failed (--max-failures 2)");
}

TEST(Rollout, WithoutALimitEveryTargetStartsWhateverFails) {
  Rollout rollout(3, {0, std::nullopt});
  for (int i = 0; i < 3; ++i) {
    start(rollout);
    rollout.finished(false);
  }
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::done);
  EXPECT_TRUE(rollout.stop_reason().empty());
}

TEST(Rollout, AStopStartsNothingMore) {
  Rollout rollout(3, {0, 1});
  start(rollout);
  rollout.stop("stopped by SIGTERM");
  std::size_t index = 0;
  EXPECT_EQ(rollout.next(index), Next::done);
  EXPECT_EQ(rollout.stop_reason(), "stopped by SIGTERM");
}

TEST(FleetPool, RunsEachTargetOnceWithNoMoreThreadsAtOnceThanAsked) {
  Rollout rollout(200, {0, std::nullopt});
  std::mutex mutex;
  std::multiset<std::size_t> seen;
  std::atomic<int> running{0}, most{0};
  run_pool(4, rollout, [&](std::size_t index) {
    const int now = ++running;
    int previous = most.load();
    while (now > previous && !most.compare_exchange_weak(previous, now)) {
    }
    std::this_thread::yield();
    {
      const std::lock_guard<std::mutex> guard(mutex);
      seen.insert(index);
    }
    --running;
    return true;
  });
  EXPECT_EQ(seen.size(), 200u);
  for (std::size_t i = 0; i < 200; ++i) EXPECT_EQ(seen.count(i), 1u) << i;
  EXPECT_LE(most.load(), 4);
}

TEST(FleetPool, ACanaryFailureLeavesTheRestUnstarted) {
  Rollout rollout(50, {3, std::nullopt});
  std::atomic<int> ran{0};
  run_pool(8, rollout, [&](std::size_t index) {
    ++ran;
    return index != 1;
  });
  EXPECT_EQ(ran.load(), 3);
  EXPECT_FALSE(rollout.stop_reason().empty());
}

}  // namespace
}  // namespace forge::core
