// A wrong password: exit 3 with a message that lets a person find the server, and the password
// nowhere in anything forge prints.
#include <nlohmann/json.hpp>

#include "core/url.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class WrongPassword : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("1", "create-t", "t");
  }
  // This test's URL with `password` (as written in a URL) in place of the right one.
  std::string url_with_password(const std::string& password) const {
    const std::string right = ":" + core::parse_database_url(url()).password + "@";
    std::string changed = url();
    changed.replace(changed.find(right), right.size(), ":" + password + "@");
    return changed;
  }
  std::string target() const {
    const auto parsed = core::parse_database_url(url());
    return parsed.host + ":" + std::to_string(parsed.port.value()) + "/" + parsed.database;
  }
  void expect_absent(const ProcessResult& result, const std::string& secret) const {
    EXPECT_THAT(result.out, Not(HasSubstr(secret))) << result;
    EXPECT_THAT(result.err, Not(HasSubstr(secret))) << result;
  }
};

TEST_P(WrongPassword, ExitsThreeNamingHostPortAndDatabaseButNeverThePassword) {
  const auto result = project.forge({"db:migrate", "--url", url_with_password("Wr0ng-Secret-93")});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr(target())) << result;
  expect_absent(result, "Wr0ng-Secret-93");
  EXPECT_FALSE(db().has_table("t"));
}

TEST_P(WrongPassword, APercentEncodedPasswordIsHiddenInBothFormsEvenWhenVerbose) {
  const auto result = project.forge(
      {"db:migrate:status", "--verbose", "--url", url_with_password("Wr0ng%40Secret%2F93")});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr(target())) << result;
  expect_absent(result, "Wr0ng%40Secret%2F93");
  expect_absent(result, "Wr0ng@Secret/93");
}

TEST_P(WrongPassword, FromConfigKeysIsNeverPrintedEither) {
  const auto parsed = core::parse_database_url(url());
  const nlohmann::json keys = {{"dialect", dialect()},          {"host", parsed.host},
                               {"port", parsed.port.value()},   {"username", parsed.user},
                               {"password", "Wr0ng-Secret-93"}, {"database", parsed.database}};
  project.write("forge.json", nlohmann::json{{"development", keys}}.dump());

  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr(target())) << result;
  expect_absent(result, "Wr0ng-Secret-93");
}

// Redaction follows the structure of URLs and keys, never the password's text: a unit whose
// name holds the same word is printed whole (it used to read `1_***_users`).
TEST_P(WrongPassword, AWordThatEqualsTheRightPasswordIsPrintedAsItIs) {
  const std::string password = core::parse_database_url(url()).password;
  ASSERT_EQ(password.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-"), std::string::npos);
  const std::string unit =
      add_table_unit("2", "add-" + password + "-users", "users_" + std::to_string(password.size()));

  const auto migrate = forge_db({"db:migrate"});
  const auto status = forge_db({"db:migrate:status", "--json"});

  EXPECT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, HasSubstr(unit)) << migrate;
  EXPECT_THAT(status.out, HasSubstr(unit)) << status;
  EXPECT_THAT(status.out, Not(HasSubstr(password + "@"))) << status;
}

INSTANTIATE_TEST_SUITE_P(Servers, WrongPassword, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
