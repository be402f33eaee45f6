// The one lock-wait loop: tries until the lock is had or the wait is over, then names the holder.
#include "core/lock_wait.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

TEST(WaitForLock, ReturnsAsSoonAsATryTakesTheLock) {
  int tries = 0, sleeps = 0;
  wait_for_lock([&] { return ++tries == 3; }, 10s, {"db", "hint"}, nullptr,
                [&](std::chrono::milliseconds) { ++sleeps; });
  EXPECT_EQ(tries, 3);
  EXPECT_EQ(sleeps, 2);
}

TEST(WaitForLock, TriesOnceWithoutWaitingAndNamesTheHolderAtTheTimeout) {
  int tries = 0;
  try {
    wait_for_lock([&] { return ++tries < 0; }, 0ms, {"127.0.0.1:5432/shop", "Wait for it."},
                  [] { return std::optional<std::string>("pid 42 on web-1"); },
                  [](std::chrono::milliseconds) {});
    FAIL() << "expected a LockTimeout";
  } catch (const LockTimeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("127.0.0.1:5432/shop"));
    EXPECT_THAT(e.what(), HasSubstr("(held by pid 42 on web-1)"));
    EXPECT_EQ(e.hint(), "Wait for it.");
  }
  EXPECT_EQ(tries, 1);
}

}  // namespace
}  // namespace forge::core
