// Every URL parameter means something to its adapter or is refused: none is dropped silently.
#include "dialect/url_params.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "core/url.hpp"

namespace forge::dialect {
namespace {

using ::testing::HasSubstr;

std::string refusal(const std::string& url) {
  try {
    check_url_params(core::parse_database_url(url));
  } catch (const ConfigError& e) {
    return std::string(e.what()) + " | " + e.hint();
  }
  return "";
}

TEST(CheckUrlParams, AcceptsWhatTheAdaptersActOn) {
  EXPECT_EQ(refusal("sqlite:db/dev.sqlite3?mode=ro"), "");
  EXPECT_EQ(refusal("sqlite:db/dev.sqlite3?MODE=RWC"), "");
  EXPECT_EQ(refusal("mysql://app@db/shop?socket=/run/mysqld/mysqld.sock&password=x"), "");
  EXPECT_EQ(refusal("postgres://app@db/shop?sslmode=verify-full&target_session_attrs=read-write"),
            "");
}

TEST(CheckUrlParams, TakesMysqlTlsModesInMysqlsAndLibpqsWords) {
  for (const char* mode : {"DISABLED", "preferred", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY",
                           "require", "verify-ca", "verify-full"}) {
    EXPECT_NO_THROW(check_url_params(
        core::parse_database_url(std::string("mysql://app@db/shop?ssl-mode=") + mode)))
        << mode;
  }
  EXPECT_NO_THROW(check_url_params(
      core::parse_database_url("mysql://app@db/shop?sslmode=require&sslca=/ca.pem&ssl-cert=/c.pem"
                               "&ssl-key=/k.pem")));
}

TEST(CheckUrlParams, RefusesATlsSettingItDoesNotActOnRatherThanConnectWithoutIt) {
  const std::string text = refusal("mysql://app:secret-pw@db/shop?ssl-mode=SOMETIMES");
  EXPECT_THAT(text, HasSubstr("ssl-mode=SOMETIMES"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("secret-pw")));
  EXPECT_THAT(refusal("mysql://app@db/shop?ssl-crl=/crl.pem"), HasSubstr("'ssl-crl'"));
}

TEST(CheckUrlParams, RefusesUnknownParametersAndValuesNamingThem) {
  EXPECT_THAT(refusal("sqlite:db/dev.sqlite3?cache=shared"), HasSubstr("'cache'"));
  EXPECT_THAT(refusal("sqlite:db/dev.sqlite3?mode=memory"), HasSubstr("mode=memory"));
  EXPECT_THAT(refusal("mariadb://app@db/shop?charset=latin1"), HasSubstr("'charset'"));
}

// A fleet's --targets-query row that is a bare name: a schema on PostgreSQL, a database on MySQL.
TEST(TenantOnServer, IsASchemaOnPostgresAndADatabaseOnMysql) {
  const auto pg = core::parse_database_url("postgres://app@db/saas?search_path=public");
  EXPECT_EQ(url_param(tenant_on_server(pg, "tenant_7", "row 1"), "search_path"), "tenant_7");
  EXPECT_EQ(tenant_on_server(pg, "tenant_7", "row 1").params.size(), 1u);  // replaced, not added
  EXPECT_EQ(url_param(tenant_on_server(pg, "Tenant7", "row 1"), "search_path"), "\"Tenant7\"");
  EXPECT_EQ(tenant_on_server(pg, "tenant_7", "row 1").database, "saas");
  EXPECT_EQ(tenant_on_server(core::parse_database_url("mysql://app@db/control"), "shop_7", "row 1")
                .database,
            "shop_7");
}

TEST(TenantOnServer, RefusesNamesTheSearchPathCannotCarryAndBareNamesOnSqlite) {
  const auto pg = core::parse_database_url("postgres://app@db/saas");
  for (const char* name : {"a b", "a,b", "a\"b", "a\\b"}) {
    EXPECT_THROW(tenant_on_server(pg, name, "row 2"), ConfigError) << name;
  }
  EXPECT_THROW(tenant_on_server(core::parse_database_url("sqlite:control.db"), "t1", "row 3"),
               ConfigError);
}

}  // namespace
}  // namespace forge::dialect
