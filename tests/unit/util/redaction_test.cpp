#include "util/redaction.hpp"

#include <gtest/gtest.h>

namespace forge::util {
namespace {

TEST(Redact, MasksThePasswordOfEveryUrlInTheText) {
  EXPECT_EQ(redact("cannot connect to postgres://app:hunter2@db:5432/shop (refused)"),
            "cannot connect to postgres://app:***@db:5432/shop (refused)");
  EXPECT_EQ(redact("a mysql://u:p1@h/a and a mariadb://v:p2@h/b"),
            "a mysql://u:***@h/a and a mariadb://v:***@h/b");
}

// A `?`, `/` or `@` in a password does not end the user info early: it runs to the last `@`.
TEST(Redact, MasksAPasswordHoldingUrlPunctuationWhole) {
  EXPECT_EQ(redact("bad port in postgres://forge:Qm?rkPw14@db/x"),
            "bad port in postgres://forge:***@db/x");
  EXPECT_EQ(redact("postgres://forge:a/b@c@db/x"), "postgres://forge:***@db/x");
}

TEST(Redact, LeavesAUrlWithoutPasswordAsItIs) {
  EXPECT_EQ(redact("postgres://app@db/shop?application_name=a:b@c"),
            "postgres://app@db/shop?application_name=a:b@c");
  EXPECT_EQ(redact("sqlite:db/dev.sqlite3"), "sqlite:db/dev.sqlite3");
}

TEST(Redact, MasksPasswordParametersAndKeys) {
  EXPECT_EQ(redact("mysql://app@db/shop?ssl-mode=REQUIRED&password=s3cret&x=1"),
            "mysql://app@db/shop?ssl-mode=REQUIRED&password=***&x=1");
  EXPECT_EQ(redact("host=db password='a b c' dbname=x"), "host=db password='***' dbname=x");
  EXPECT_EQ(redact("PGPASSWORD=s3cret forge"), "PGPASSWORD=*** forge");
  EXPECT_EQ(redact("?pwd=s3cret&sslpassword=k3y"), "?pwd=***&sslpassword=***");
  EXPECT_EQ(redact(R"({"user": "app", "password": "s3\"cret", "host": "db"})"),
            R"({"user": "app", "password": "***", "host": "db"})");
}

// Redaction follows structure, never the text of a password: the word stays in file names
// and forge's own messages.
TEST(Redact, LeavesOrdinaryWordsAlone) {
  for (const char* text :
       {"migrations/1_forge_users.sql", "another forge held the lock", "(using password: YES)",
        "the \"password\" key must be text", "bypass the check"}) {
    EXPECT_EQ(redact(text), text);
  }
}

TEST(Redact, IsIdempotent) {
  const std::string once = redact("postgres://u:p@h/d?password=x");
  EXPECT_EQ(redact(once), once);
}

TEST(RedactUrl, TreatsTheWholeTextAsOneUrl) {
  EXPECT_EQ(redact_url("postgres://u:pa ss@h/d"), "postgres://u:***@h/d");
  EXPECT_EQ(redact_url("postgres:scott:tiger@host/db"), "postgres:scott:***@host/db");
  EXPECT_EQ(redact_url("oracle://scott:ti/ger@host/db"), "oracle://scott:***@host/db");
  EXPECT_EQ(redact_url("not a url"), "not a url");
}

TEST(IsPasswordKey, KnowsTheUsualSpellings) {
  for (const char* key :
       {"password", "PASSWORD", "sslpassword", "PGPASSWORD", "pwd", "pass", "db_passwd"}) {
    EXPECT_TRUE(is_password_key(key)) << key;
  }
  for (const char* key : {"user", "passfile", "bypass", "sslmode"}) {
    EXPECT_FALSE(is_password_key(key)) << key;
  }
}

}  // namespace
}  // namespace forge::util
