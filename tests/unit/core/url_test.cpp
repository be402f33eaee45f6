#include "core/url.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"

namespace forge::core {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using Params = std::vector<std::pair<std::string, std::string>>;

std::string config_error_of(std::string_view text) {
  try {
    parse_database_url(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

// --- SQLite ---------------------------------------------------------------------

TEST(ParseDatabaseUrl, ReadsARelativeSqlitePath) {
  const auto url = parse_database_url("sqlite:db/development.sqlite3");
  EXPECT_EQ(url.dialect, Dialect::sqlite);
  EXPECT_EQ(url.scheme, "sqlite");
  EXPECT_EQ(url.database, "db/development.sqlite3");
}

TEST(ParseDatabaseUrl, ReadsAnAbsoluteSqlitePath) {
  EXPECT_EQ(parse_database_url("sqlite:///var/lib/app/data.db").database, "/var/lib/app/data.db");
}

TEST(ParseDatabaseUrl, ReadsTheSqlite3Scheme) {
  const auto url = parse_database_url("sqlite3:data.db");
  EXPECT_EQ(url.dialect, Dialect::sqlite);
  EXPECT_EQ(url.scheme, "sqlite3");
  EXPECT_EQ(url.database, "data.db");
}

TEST(ParseDatabaseUrl, PercentDecodesTheSqlitePath) {
  EXPECT_EQ(parse_database_url("sqlite:my%20data.db").database, "my data.db");
}

TEST(ParseDatabaseUrl, RefusesASqliteUrlWithoutAFile) {
  EXPECT_THAT(config_error_of("sqlite:"), HasSubstr("names no file"));
}

// --- servers --------------------------------------------------------------------

TEST(ParseDatabaseUrl, ReadsEveryPartOfAPostgresUrl) {
  const auto url = parse_database_url(
      "postgres://app%40corp:p%40ss%3Aw0rd@db.example.com:6543/"
      "shop%20db?sslmode=disable&application_name=forge");
  EXPECT_EQ(url.dialect, Dialect::postgres);
  EXPECT_EQ(url.scheme, "postgres");
  EXPECT_EQ(url.user, "app@corp");
  EXPECT_EQ(url.password, "p@ss:w0rd");
  EXPECT_EQ(url.host, "db.example.com");
  EXPECT_EQ(url.port, 6543);
  EXPECT_EQ(url.database, "shop db");
  EXPECT_EQ(url.params, (Params{{"sslmode", "disable"}, {"application_name", "forge"}}));
}

TEST(ParseDatabaseUrl, ReadsThePostgresqlScheme) {
  const auto url = parse_database_url("postgresql://localhost/app");
  EXPECT_EQ(url.dialect, Dialect::postgres);
  EXPECT_EQ(url.scheme, "postgresql");
  EXPECT_EQ(url.host, "localhost");
  EXPECT_FALSE(url.port);
  EXPECT_EQ(url.user, "");
  EXPECT_EQ(url.database, "app");
}

TEST(ParseDatabaseUrl, ReadsMysqlAndMariadbUrls) {
  const auto mysql = parse_database_url("mysql://root:secret-mysql-pw@127.0.0.1:3306/shop");
  EXPECT_EQ(mysql.dialect, Dialect::mysql);
  EXPECT_EQ(mysql.user, "root");
  EXPECT_EQ(mysql.host, "127.0.0.1");
  EXPECT_EQ(mysql.port, 3306);
  EXPECT_EQ(mysql.database, "shop");
  const auto mariadb = parse_database_url("MariaDB://maria@db/shop");
  EXPECT_EQ(mariadb.dialect, Dialect::mysql);
  EXPECT_EQ(mariadb.scheme, "mariadb");
  EXPECT_EQ(mariadb.user, "maria");
  EXPECT_EQ(mariadb.password, "");
}

TEST(ParseDatabaseUrl, ReadsAnIpv6Host) {
  const auto url = parse_database_url("postgres://u:secret-ipv6-pw@[::1]:5433/app");
  EXPECT_EQ(url.host, "::1");
  EXPECT_EQ(url.port, 5433);
  EXPECT_EQ(url.database, "app");
  EXPECT_EQ(parse_database_url("postgres://[fe80::1]/app").host, "fe80::1");
}

TEST(ParseDatabaseUrl, ABadPortMadeOfAPasswordWithASlashDoesNotShowIt) {
  // The '/' ends the authority, so "topsecret" would be read as the port.
  EXPECT_THAT(config_error_of("postgres://u:topsecret/rest@host/db"), Not(HasSubstr("topsecret")));
}

TEST(ParseDatabaseUrl, RefusesABadPort) {
  EXPECT_THAT(config_error_of("postgres://u@host:99999/db"),
              HasSubstr("bad port in database URL postgres://u@host:99999/db"));
  EXPECT_THAT(config_error_of("postgres://u@host:54x2/db"), HasSubstr("bad port"));
  EXPECT_THAT(config_error_of("mysql://u@host:0/db"), HasSubstr("bad port"));
}

TEST(ParseDatabaseUrl, RefusesAPercentEncodedNulAnywhere) {
  for (const char* text : {"postgres://u:pw@host:1/sh%00op", "mysql://u%00x:pw@host/db",
                           "sqlite:dev%00.db", "postgres://u@host/db?sslmode=dis%00able"}) {
    EXPECT_THAT(config_error_of(text), HasSubstr("bad percent-escape %00")) << text;
  }
  EXPECT_EQ(parse_database_url("postgres://u@host/a%01b").database, std::string("a\x01") + "b");
}

TEST(ParsePort, TakesOneTo65535InDigitsOnly) {
  EXPECT_EQ(parse_port("1"), 1);
  EXPECT_EQ(parse_port("65535"), 65535);
  EXPECT_EQ(parse_port("05432"), 5432);
  for (const char* bad :
       {"", "0", "00000", "65536", "99999", "123456", "-1", "+80", "5432.0", "http"}) {
    EXPECT_EQ(parse_port(bad), std::nullopt) << bad;
  }
}

TEST(ParseDatabaseUrl, RefusesAnUnknownScheme) {
  EXPECT_THAT(config_error_of("oracle://scott:tiger-secret@host/db"),
              AllOf(HasSubstr("unsupported"), HasSubstr("oracle")));
}

TEST(ParseDatabaseUrl, RefusesAServerUrlWithoutSlashes) {
  EXPECT_THAT(config_error_of("postgres:user@host/db"), HasSubstr("lacks '//'"));
}

TEST(ParseDatabaseUrl, RefusesTextThatIsNoUrl) {
  EXPECT_THROW(parse_database_url(""), ConfigError);
  EXPECT_THROW(parse_database_url("just-a-file.db"), ConfigError);
}

TEST(ParseDatabaseUrl, NeverPutsThePasswordInAnError) {
  const std::string password = "Sup3r-Secret-In-Error";
  for (const std::string& text :
       {"postgres://u:" + password + "@host:99999/db", "postgres:u:" + password + "@host/db",
        "oracle://u:" + password + "@host/db", "mysql://u:" + password + "@host/%zz",
        "postgres://u:" + password + "@[::1/db", "postgres://u:ab/" + password + "@host/db",
        "mysql:u:" + password + "@host:0/db", "postgres://u:" + password + "%00@host/db"}) {
    const std::string error = config_error_of(text);
    EXPECT_THAT(error, Not(HasSubstr("(no error)"))) << text;
    EXPECT_THAT(error, Not(HasSubstr(password))) << text;
  }
}

// --- redaction ------------------------------------------------------------------

TEST(DatabaseUrlRedacted, MasksTheUserInfoPassword) {
  EXPECT_EQ(parse_database_url("postgres://app:hunter2-url@db:5432/shop").redacted(),
            "postgres://app:***@db:5432/shop");
}

TEST(DatabaseUrlRedacted, MasksPasswordParameters) {
  const auto url = parse_database_url("mysql://app@db/shop?ssl=true&password=param-secret-1");
  EXPECT_EQ(url.redacted(), "mysql://app@db/shop?ssl=true&password=***");
}

TEST(DatabaseUrlRedacted, KeepsUrlsWithoutPasswordsReadable) {
  EXPECT_EQ(parse_database_url("postgresql://db/shop").redacted(), "postgresql://db/shop");
  EXPECT_EQ(parse_database_url("sqlite:db/dev.sqlite3").redacted(), "sqlite:db/dev.sqlite3");
  EXPECT_EQ(parse_database_url("postgres://u:pw-ipv6-r@[::1]:5432/app").redacted(),
            "postgres://u:***@[::1]:5432/app");
}

// Every parse error quotes the URL with its password masked, whatever the password holds.
TEST(ParseDatabaseUrl, ErrorsNeverQuoteThePassword) {
  for (const char* text :
       {"postgres://forge:Qm?rkPw14@db:5432/x", "postgres://forge:Qm1pw@db:99999/x",
        "mysql://forge:Qm%zzpw@db/x", "postgres://forge:Qm1pw@[::1/x", "postgres:forge:Qm1pw@db/x",
        "postgres://db/x?password=Qm1pw&sslmode=%zz", "sqlite:?password=Qm1pw"}) {
    try {
      parse_database_url(text);
      ADD_FAILURE() << text << " parsed";
    } catch (const ConfigError& error) {
      EXPECT_EQ(std::string(error.what()).find("Qm"), std::string::npos) << error.what();
      EXPECT_EQ(error.hint().find("Qm"), std::string::npos) << error.hint();
    }
  }
}

}  // namespace
}  // namespace forge::core
