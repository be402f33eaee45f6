// The libpq connection string forge builds from a URL.
#include "dialect/postgres/postgres_conninfo.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::dialect::postgres {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string conninfo(const std::string& url) { return to_conninfo(core::parse_database_url(url)); }

TEST(PostgresConninfo, TurnsTcpKeepalivesAndAUserTimeoutOnSoAVanishedServerIsNoticed) {
  const auto text = conninfo("postgres://app@db.example:5432/shop");
  EXPECT_THAT(text, HasSubstr("keepalives='1'"));
  EXPECT_THAT(text, HasSubstr("keepalives_idle='30'"));
  EXPECT_THAT(text, HasSubstr("keepalives_interval='10'"));
  EXPECT_THAT(text, HasSubstr("keepalives_count='3'"));
  EXPECT_THAT(text, HasSubstr("tcp_user_timeout='60000'"));
}

TEST(PostgresConninfo, LetsTheUrlsQuerySetTheKeepalivesItself) {
  const auto text =
      conninfo("postgres://app@db.example/shop?keepalives_idle=5&keepalives=0&tcp_user_timeout=0");
  EXPECT_THAT(text, HasSubstr("keepalives='0'"));
  EXPECT_THAT(text, HasSubstr("keepalives_idle='5'"));
  EXPECT_THAT(text, HasSubstr("tcp_user_timeout='0'"));
  EXPECT_THAT(text, Not(HasSubstr("keepalives_idle='30'")));
}

TEST(PostgresConninfo, PassesEveryLibpqKeywordThrough) {
  const auto text = conninfo(
      "postgres://app@db-1:5432,db-2:5432/shop?sslmode=verify-full&sslrootcert=/etc/ca.pem&"
      "target_session_attrs=read-write&application_name=deploy");
  EXPECT_THAT(text, HasSubstr("sslmode='verify-full'"));
  EXPECT_THAT(text, HasSubstr("sslrootcert='/etc/ca.pem'"));
  EXPECT_THAT(text, HasSubstr("target_session_attrs='read-write'"));
  EXPECT_THAT(text, HasSubstr("application_name='deploy'"));
}

// libpq would only say so when connecting, as a connection failure (exit 3); a misspelled
// sslmode would otherwise leave the session unencrypted.
TEST(PostgresConninfo, RefusesAParameterLibpqDoesNotKnowNamingIt) {
  try {
    conninfo("postgres://app:Secr3tPw@db.example/shop?sslmod=require");
    FAIL() << "sslmod was taken";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(), HasSubstr("'sslmod'"));
    EXPECT_THAT(error.what(), Not(HasSubstr("Secr3tPw")));
    EXPECT_EQ(error.exit_code(), ExitCode::usage);
  }
}

}  // namespace
}  // namespace forge::dialect::postgres
