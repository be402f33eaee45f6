#include "util/terminal_text.hpp"

#include <gtest/gtest.h>

namespace forge::util {
namespace {

TEST(Printable, ShowsControlCharactersAsEscapes) {
  EXPECT_EQ(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
  EXPECT_EQ(printable("x\ry\bz\x7f\x07"), "x\\x0dy\\x08z\\x7f\\x07");
  EXPECT_EQ(printable("\x1b]0;owned\x07"), "\\x1b]0;owned\\x07");
}

TEST(Printable, KeepsNewlinesTabsAndUnicode) {
  EXPECT_EQ(printable("line 1\n\tline 2"), "line 1\n\tline 2");
  EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80"),
            "caf\xc3\xa9 \xe2\x9c\x93 \xf0\x9f\x98\x80");
}

// Bytes that are not UTF-8 are shown as escapes only where Latin-1 has its C1 controls.
TEST(Printable, ShowsC1ControlsInUtf8AndInOtherBytes) {
  EXPECT_EQ(printable("a\xc2\x9b"
                      "31mb"),
            "a\\u009b31mb");
  EXPECT_EQ(printable("a\x9b"
                      "31mb"),
            "a\\x9b31mb");
  EXPECT_EQ(printable("caf\xe9 \xff"), "caf\xe9 \xff");    // Latin-1 letters stay as they are
  EXPECT_EQ(printable("\xe0\x80\x80"), "\xe0\\x80\\x80");  // overlong: its 0x80s
}

}  // namespace
}  // namespace forge::util
