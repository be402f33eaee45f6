// Terminal escape sequences in file names, URLs and config values never reach the terminal raw:
// forge shows them as \x1b (stdout and stderr) or \u001b (--json), so a hostile file name
// cannot recolour, retitle or rewrite what a person reads.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string k_escape = "\x1b]0;owned\x07\x1b[2J";

class TerminalText : public ForgeTest {
 protected:
  static void expect_no_control_characters(const ProcessResult& result) {
    for (const std::string* text : {&result.out, &result.err}) {
      for (char c : *text) {
        const auto byte = static_cast<unsigned char>(c);
        EXPECT_FALSE((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f)
            << "control byte " << static_cast<int>(byte) << " in " << result;
      }
      EXPECT_THAT(*text, Not(HasSubstr("\xc2\x9b"))) << result;
    }
  }
};

TEST_F(TerminalText, AUnitFileNameIsPrintedWithItsEscapesShown) {
  add_table_unit("1", "create-t" + k_escape, "t");
  project.write(
      "migrations/2_c1\xc2\x9b"
      "31m.sql",
      "-- forge:up\nSELECT 1;\n-- forge:down\nSELECT 1;\n");

  const auto migrate = forge_db({"db:migrate"});
  const auto status = forge_db({"db:migrate:status"});
  const auto json = forge_db({"db:migrate:status", "--json"});

  EXPECT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(status.out, HasSubstr("create-t\\x1b]0;owned\\x07\\x1b[2J")) << status;
  EXPECT_THAT(status.out, HasSubstr("2_c1\\u009b31m")) << status;
  EXPECT_THAT(json.out, HasSubstr("create-t\\u001b]0;owned\\u0007\\u001b[2J")) << json;
  for (const auto* result : {&migrate, &status, &json}) expect_no_control_characters(*result);
}

TEST_F(TerminalText, AUrlIsQuotedWithItsEscapesShown) {
  const auto text = project.forge({"db:migrate", "--url", "postgres://h" + k_escape + ":x/db"});
  const auto json = project.forge({"db:migrate", "--json", "--url", "nosuch" + k_escape + ":x"});

  EXPECT_EQ(text.exit_code, 2) << text;
  EXPECT_THAT(text.err, HasSubstr("\\x1b]0;owned")) << text;
  EXPECT_EQ(json.exit_code, 2) << json;
  for (const auto* result : {&text, &json}) expect_no_control_characters(*result);
}

TEST_F(TerminalText, AConfigValueIsQuotedWithItsEscapesShown) {
  project.write("forge.json", "{ \"development\": { \"dialect\": \"oracle\\u001b[31m\" } }");

  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("oracle\\x1b[31m")) << result;
  expect_no_control_characters(result);
}

}  // namespace
}  // namespace forge::e2e
