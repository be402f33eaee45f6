#include "util/redaction.hpp"

#include <gtest/gtest.h>

namespace forge::util {
namespace {

// The registry is process-wide: each test uses secrets of its own.

TEST(Redact, MasksEveryOccurrenceOfARegisteredSecret) {
  register_secret("hunter2-redaction");
  EXPECT_EQ(redact("pw=hunter2-redaction and again hunter2-redaction."), "pw=*** and again ***.");
}

TEST(Redact, LeavesTextWithoutSecretsAlone) {
  EXPECT_EQ(redact("nothing secret here"), "nothing secret here");
}

TEST(Redact, MasksTheLongestSecretWhole) {
  register_secret("abc-short");
  register_secret("abc-short-and-longer");
  EXPECT_EQ(redact("[abc-short-and-longer]"), "[***]");
  EXPECT_EQ(redact("[abc-short]"), "[***]");
}

TEST(Redact, IgnoresEmptyAndOneCharacterSecrets) {
  register_secret("");
  register_secret("e");
  EXPECT_EQ(redact("select everything"), "select everything");
}

TEST(Redact, MasksTwoCharacterSecrets) {
  register_secret("Q7");
  EXPECT_EQ(redact("xQ7x"), "x***x");
}

}  // namespace
}  // namespace forge::util
