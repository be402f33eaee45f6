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


TEST(CompareVersions, ComparesFlywaysDottedVersionsPartByPart) {
  EXPECT_LT(compare_versions("1.9", "1.10"), 0);
  EXPECT_LT(compare_versions("1.1", "2"), 0);
  EXPECT_GT(compare_versions("2.0.1", "2"), 0);
  EXPECT_EQ(compare_versions("1", "1.0"), 0);  // Flyway: the same version
  EXPECT_EQ(compare_versions("1.01", "1.1"), 0);
  EXPECT_LT(compare_versions("2023.1.5", "20240101000000"), 0);
}

FlywayName flyway(std::string_view name) {
  FlywayName out;
  EXPECT_TRUE(parse_flyway_name(name, out)) << name;
  return out;
}

TEST(ParseFlywayName, ReadsVersionedUndoAndRepeatableNames) {
  const auto versioned = flyway("V1__Create_person_table");
  EXPECT_EQ(versioned.kind, 'V');
  EXPECT_EQ(versioned.version, "1");
  EXPECT_EQ(versioned.stem, "V1__Create_person_table");

  const auto undo = flyway("U1_1__add_people");
  EXPECT_EQ(undo.kind, 'U');
  EXPECT_EQ(undo.version, "1.1");
  EXPECT_EQ(undo.stem, "V1_1__add_people");  // the stem of the unit it undoes

  EXPECT_EQ(flyway("v2023.01.05__lower_case_prefix").version, "2023.01.05");
  EXPECT_EQ(flyway("R__refresh_views").kind, 'R');
}

TEST(ParseFlywayName, RefusesNamesThatAreNotFlyways) {
  FlywayName out;
  for (const char* name : {"V__no_version", "Vx__letters", "V1_description", "V1__", "V1.__x",
                           "V_1__x", "X1__other_prefix", "R1__versioned_repeatable",
                           "20240101-plain", "V1..2__x"}) {
    EXPECT_FALSE(parse_flyway_name(name, out)) << name;
  }
}

TEST(UnitVersion, IsTheLeadingDigitsOrAFlywayVersion) {
  EXPECT_EQ(unit_version("20240315102344-add-codes"), "20240315102344");
  EXPECT_EQ(unit_version("V3_2__add_codes"), "3.2");
  EXPECT_EQ(unit_version("add-codes"), "");
}

}  // namespace
}  // namespace forge::core
