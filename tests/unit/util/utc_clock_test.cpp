#include "util/utc_clock.hpp"

#include <gtest/gtest.h>

namespace forge::util {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::system_clock;

// 2024-03-15T10:23:44Z
const system_clock::time_point k_moment{seconds(1710498224)};

TEST(VersionStamp, IsUtcYearMonthDayHourMinuteSecond) {
  EXPECT_EQ(version_stamp(k_moment), "20240315102344");
}

TEST(VersionStamp, PadsSmallFieldsWithZeros) {
  EXPECT_EQ(version_stamp(system_clock::time_point{seconds(0)}), "19700101000000");
}

TEST(Iso8601Utc, HasMillisecondsAndZ) {
  EXPECT_EQ(iso8601_utc(k_moment + milliseconds(12)), "2024-03-15T10:23:44.012Z");
  EXPECT_EQ(iso8601_utc(k_moment), "2024-03-15T10:23:44.000Z");
}

TEST(SecondsText, ShowsWholeAndFractionalSecondsWithoutTrailingZeros) {
  EXPECT_EQ(seconds_text(milliseconds(60000)), "60 s");
  EXPECT_EQ(seconds_text(milliseconds(1500)), "1.5 s");
  EXPECT_EQ(seconds_text(milliseconds(250)), "0.25 s");
  EXPECT_EQ(seconds_text(milliseconds(0)), "0 s");
}

TEST(ParseSeconds, TakesWholeAndFractionalSecondsUpToTheLimit) {
  EXPECT_EQ(parse_seconds("30"), 30.0);
  EXPECT_EQ(parse_seconds("1.5"), 1.5);
  EXPECT_EQ(parse_seconds("0"), 0.0);
  EXPECT_EQ(parse_seconds("2147483"), k_max_seconds);
}

TEST(ParseSeconds, RefusesWhatWouldOverflowOrIsNotANumber) {
  for (const char* text :
       {"", "nan", "inf", "-inf", "1e308", "1e10", "2147484", "-1", "30s", " 5x"}) {
    EXPECT_FALSE(parse_seconds(text)) << text;
  }
}

}  // namespace
}  // namespace forge::util
