// A unit's checksum may be worked out late (issue 16: a large unit whose rows stream is read
// once, by the run that sends them): it must still be one value, worked out once, shared by the
// unit's copies, and a second read that disagrees must be told.
#include "core/unit_checksum.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace forge::core {
namespace {

TEST(UnitChecksum, AKnownChecksumIsItsValueAndAgreesOnlyWithItself) {
  const UnitChecksum checksum(std::string("abc"));
  ASSERT_NE(checksum.known(), nullptr);
  EXPECT_EQ(checksum.value(), "abc");
  EXPECT_TRUE(checksum.agrees("abc"));
  EXPECT_FALSE(checksum.agrees("abd"));
  EXPECT_TRUE(UnitChecksum().empty());
  EXPECT_FALSE(checksum.empty());
}

TEST(UnitChecksum, ADeferredOneIsWorkedOutOnceForAllItsCopiesAndThreads) {
  std::atomic<int> computed{0};
  const UnitChecksum checksum = UnitChecksum::when_asked([&] {
    ++computed;
    return std::string("worked");
  });
  EXPECT_FALSE(checksum.empty());
  EXPECT_EQ(checksum.known(), nullptr);
  const UnitChecksum copy = checksum;  // NOLINT(performance-unnecessary-copy-initialization)
  std::vector<std::thread> askers;
  for (int i = 0; i < 4; ++i) askers.emplace_back([&] { EXPECT_EQ(copy.value(), "worked"); });
  for (auto& asker : askers) asker.join();
  EXPECT_EQ(computed, 1);
  ASSERT_NE(checksum.known(), nullptr);
  EXPECT_EQ(*checksum.known(), "worked");
}

TEST(UnitChecksum, AFullReadsHashIsKeptWhenNothingWasWorkedOutAndComparedAfter) {
  int computed = 0;
  const UnitChecksum checksum = UnitChecksum::when_asked([&] {
    ++computed;
    return std::string("from a read");
  });
  EXPECT_TRUE(checksum.agrees("from the run"));
  EXPECT_EQ(checksum.value(), "from the run");
  EXPECT_TRUE(checksum.agrees("from the run"));
  EXPECT_FALSE(checksum.agrees("from a changed file"));
  EXPECT_EQ(checksum.value(), "from the run");
  EXPECT_EQ(computed, 0);
}

TEST(UnitChecksum, AFailedWorkingOutIsTriedAgainWhenAskedAgain) {
  int calls = 0;
  const UnitChecksum checksum = UnitChecksum::when_asked([&]() -> std::string {
    if (++calls == 1) throw std::runtime_error("bad row");
    return "fixed";
  });
  EXPECT_THROW(checksum.value(), std::runtime_error);
  EXPECT_EQ(checksum.known(), nullptr);
  EXPECT_EQ(checksum.value(), "fixed");
}

TEST(UnitChecksum, ListenersAreToldOnceWhenTheChecksumBecomesKnown) {
  const UnitChecksum checksum = UnitChecksum::when_asked([] { return std::string("late"); });
  std::vector<std::string> told;
  checksum.when_known([&](const std::string& value) { told.push_back("first " + value); });
  EXPECT_TRUE(told.empty());
  EXPECT_TRUE(checksum.agrees("late"));
  EXPECT_TRUE(checksum.agrees("late"));
  checksum.when_known([&](const std::string& value) { told.push_back("after " + value); });
  ASSERT_EQ(told.size(), 2U);
  EXPECT_EQ(told[0], "first late");
  EXPECT_EQ(told[1], "after late");
}

}  // namespace
}  // namespace forge::core
