// The libpq connection string forge builds from a URL.
#include "dialect/postgres/postgres_conninfo.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace forge::dialect::postgres
