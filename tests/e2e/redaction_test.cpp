// No password ever reaches stdout or stderr, whichever way it was given. The servers named
// here refuse connections at once (127.0.0.1, port 1), so the run fails whether this forge has
// no adapter for the dialect or tries to connect.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string k_password = "Sup3rS3cretPw";

class PasswordRedaction : public ForgeTest {
 protected:
  void SetUp() override { add_table_unit("20240101000001", "create-t", "t"); }
  // The run must fail and never show `secret`; wherever the user info is printed, the
  // password stands as ***.
  static void expect_failed_without(const ProcessResult& result, const std::string& secret) {
    EXPECT_NE(result.exit_code, 0) << result;
    for (const std::string* text : {&result.out, &result.err}) {
      EXPECT_THAT(*text, Not(HasSubstr(secret))) << result;
      for (auto at = text->find("admin:"); at != std::string::npos;
           at = text->find("admin:", at + 1)) {
        EXPECT_EQ(text->substr(at, 10), "admin:***@") << result;
      }
    }
  }
};

TEST_F(PasswordRedaction, APostgresUrlFlagNeverShowsItsPassword) {
  const auto result = project.forge(
      {"db:migrate", "--verbose", "--url", "postgres://admin:" + k_password + "@127.0.0.1:1/shop"});

  expect_failed_without(result, k_password);
}

TEST_F(PasswordRedaction, ARefusedOrFailedConnectionExitsNonZeroAndMasksThePassword) {
  const auto result = project.forge(
      {"db:migrate", "--url", "postgresql://admin:" + k_password + "@127.0.0.1:1/shop"});

  expect_failed_without(result, k_password);
  EXPECT_THAT(result.err, HasSubstr("127.0.0.1")) << result;
}

TEST_F(PasswordRedaction, DatabaseUrlFromTheEnvironmentIsNeverPrinted) {
  const auto result =
      project.forge({"db:migrate:status", "--json", "--verbose"},
                    {{"DATABASE_URL", "postgres://admin:" + k_password + "@127.0.0.1:1/x"}});

  expect_failed_without(result, k_password);
}

TEST_F(PasswordRedaction, APercentEncodedPasswordIsHiddenInBothSpellings) {
  const auto result =
      project.forge({"db:migrate", "--url", "mysql://admin:Pa%40ss%2Fw0rdXyz@127.0.0.1:1/shop"});

  expect_failed_without(result, "Pa%40ss%2Fw0rdXyz");
  expect_failed_without(result, "Pa@ss/w0rdXyz");
}

TEST_F(PasswordRedaction, APasswordInAQueryParameterIsNeverPrinted) {
  const auto result =
      project.forge({"db:migrate", "--verbose", "--url",
                     "postgres://admin@127.0.0.1:1/shop?sslmode=disable&password=" + k_password});

  expect_failed_without(result, k_password);
}

// An unencoded `?` (or `#`) in a password makes the URL unparsable; the error quotes it masked
// from the user info's `:` to its last `@`, in text and in --json.
TEST_F(PasswordRedaction, AQuestionMarkInThePasswordDoesNotEndTheMasking) {
  for (const std::string password : {"Qm?rkPw14xyz", "Qm#rkPw14xyz", "Qm?a@rkPw14xyz"}) {
    const auto result = project.forge({"db:migrate:status", "--json", "--url",
                                       "postgres://admin:" + password + "@127.0.0.1:1/shop"});
    const auto text =
        project.forge({"db:migrate", "--url", "mysql://admin:" + password + "@127.0.0.1:1/shop"});

    if (password.find('?') != std::string::npos) {
      EXPECT_EQ(result.exit_code, 2) << result;
    }
    expect_failed_without(result, "rkPw14xyz");
    expect_failed_without(text, "rkPw14xyz");
  }
}

// A password parameter given before the URL could be parsed is masked as well.
TEST_F(PasswordRedaction, APasswordParameterInAnUnparsableUrlIsMasked) {
  const auto result =
      project.forge({"db:migrate", "--json", "--url",
                     "postgres://admin@127.0.0.1:99999/shop?password=" + k_password});

  EXPECT_EQ(result.exit_code, 2) << result;
  expect_failed_without(result, k_password);
  EXPECT_THAT(result.out + result.err, HasSubstr("password=***")) << result;
}

TEST_F(PasswordRedaction, AMalformedUrlExitsTwoAndStillHidesThePassword) {
  const auto result =
      project.forge({"db:migrate", "--url", "postgres://admin:" + k_password + "@db:99999/shop"});

  EXPECT_EQ(result.exit_code, 2) << result;
  expect_failed_without(result, k_password);
}

TEST_F(PasswordRedaction, APasswordInTheConfigFileIsNeverPrinted) {
  project.write("forge.json", R"({ "production": { "dialect": "postgres", "host": "127.0.0.1",
      "port": 1, "username": "admin", "password": ")" +
                                  k_password + R"(", "database": "shop" } })");

  const auto result = project.forge({"db:migrate", "--env", "production", "--verbose"});

  expect_failed_without(result, k_password);
}

TEST_F(PasswordRedaction, APasswordFromAVariableInTheConfigFileIsNeverPrinted) {
  project.write(
      "forge.json",
      R"({ "production": { "url": "postgres://admin:${DB_PASSWORD}@127.0.0.1:1/shop" } })");

  const auto result = project.forge({"db:migrate", "--env", "production", "--verbose"},
                                    {{"DB_PASSWORD", k_password}});

  expect_failed_without(result, k_password);
}

// SQLite has no password: the parameter is refused (exit 2), and the URL the refusal quotes masks
// it.
TEST_F(PasswordRedaction, ARefusedPasswordParameterIsQuotedMasked) {
  const auto result = project.forge(
      {"db:migrate:status", "--json", "--url", "sqlite:" + k_db + "?password=" + k_password});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password))) << result;
  EXPECT_THAT(result.err, HasSubstr("password=***")) << result;
}

TEST_F(PasswordRedaction, VerboseConnectionLogMasksThePassword) {
  const auto result = project.forge(
      {"db:migrate", "--verbose", "--url", "sqlite:" + k_db + "?password=" + k_password});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password))) << result;
}

TEST_F(PasswordRedaction, InvalidJsonInTheConfigFileIsReportedWithoutQuotingAPassword) {
  // An unterminated string: the JSON parser stops right after the password.
  project.write("forge.json",
                "{ \"production\": { \"dialect\": \"postgres\",\n"
                "  \"password\": \"" +
                    k_password + "\n} }\n");

  const auto result = project.forge({"db:migrate", "--env", "production"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("forge.json")) << result;
  EXPECT_THAT(result.err, HasSubstr("line 3")) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr(k_password))) << result;
}

}  // namespace
}  // namespace forge::e2e
