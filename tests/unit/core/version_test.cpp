#include "core/version.hpp"

#include <gtest/gtest.h>

namespace forge::core {
namespace {

TEST(CompareVersions, ComparesNumbersNotText) {
  EXPECT_LT(compare_versions("2", "10"), 0);
  EXPECT_GT(compare_versions("10", "2"), 0);
  EXPECT_LT(compare_versions("9", "20240101000000"), 0);
}

TEST(CompareVersions, IsZeroForEqualVersions) {
  EXPECT_EQ(compare_versions("20240315102344", "20240315102344"), 0);
}

TEST(CompareVersions, HandlesTwentyDigitVersionsBeyondSixtyFourBits) {
  // 2^64 = 18446744073709551616: both exceed it, and differ only in the last digit.
  EXPECT_LT(compare_versions("20240315102344000001", "20240315102344000002"), 0);
  EXPECT_GT(compare_versions("99999999999999999999", "18446744073709551616"), 0);
  EXPECT_LT(compare_versions("18446744073709551615", "18446744073709551616"), 0);
}

TEST(CompareVersions, IgnoresLeadingZeros) {
  EXPECT_EQ(compare_versions("007", "7"), 0);
  EXPECT_LT(compare_versions("0009", "10"), 0);
  EXPECT_EQ(compare_versions("000", "0"), 0);
}

TEST(LeadingVersion, IsTheLeadingRunOfDigits) {
  EXPECT_EQ(leading_version("20240315102344-add-codes"), "20240315102344");
  EXPECT_EQ(leading_version("001_init.up.sql"), "001");
  EXPECT_EQ(leading_version("README.md"), "");
  EXPECT_EQ(leading_version("12"), "12");
}

}  // namespace
}  // namespace forge::core
