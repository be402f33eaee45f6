// What forge prints, and where: --verbose, --quiet, usage errors, --version and --help.
#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class Output : public ForgeTest {
 protected:
  void SetUp() override { unit = add_table_unit("20240101000001", "create-widgets", "widgets"); }
  std::string unit;
};

TEST_F(Output, VerboseLogsEachSqlStatementOnStderr) {
  const auto result = forge_db({"db:migrate", "--verbose"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("[SQL] CREATE TABLE widgets (id INTEGER PRIMARY KEY)"))
      << result;
  EXPECT_THAT(result.out, Not(HasSubstr("[SQL]"))) << result;
}

TEST_F(Output, VerboseIsAcceptedBeforeTheCommandAsV) {
  const auto result = project.forge({"-v", "db:migrate", "--url", k_url});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("[SQL] CREATE TABLE widgets")) << result;
}

TEST_F(Output, WithoutVerboseNoSqlIsLogged) {
  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("[SQL]"))) << result;
}

TEST_F(Output, QuietPrintsNothingForASuccessfulMigrate) {
  const auto result = forge_db({"db:migrate", "--quiet"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, IsEmpty());
  EXPECT_TRUE(db().has_table("widgets"));
}

TEST_F(Output, QuietStillPrintsErrors) {
  project.write("migrations/20240101000002-broken.sql", unit_sql("CREATE TABLE (;", ""));

  const auto result = forge_db({"db:migrate", "-q"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.out, IsEmpty());
  EXPECT_THAT(result.err, HasSubstr("20240101000002-broken.sql:2")) << result;
}

TEST_F(Output, ProgressGoesToStdoutAndDiagnosticsToStderr) {
  project.write("migrations/20240101000002-broken.sql", unit_sql("SELECT * FROM nowhere;", ""));

  const auto result = forge_db({"db:migrate"});

  EXPECT_THAT(result.out, HasSubstr(unit + ": migrated")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("nowhere"))) << result;
  EXPECT_THAT(result.err, HasSubstr("no such table: nowhere")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("migrated"))) << result;
}

TEST_F(Output, ErrorsCarryNoColourCodesWhenStderrIsNotATerminal) {
  const auto result = project.forge({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("error:")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("\x1b["))) << result;
}

TEST_F(Output, ErrorsAreColouredOnATerminal) {
  const auto result = project.forge_with_stderr_on_terminal({"db:migrate"}, {{"TERM", "xterm"}});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("error:")) << result;
  EXPECT_THAT(result.err, HasSubstr("\x1b[")) << result;
}

TEST_F(Output, NoColorTurnsColourOffEvenOnATerminal) {
  const auto result =
      project.forge_with_stderr_on_terminal({"db:migrate"}, {{"TERM", "xterm"}, {"NO_COLOR", "1"}});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("error:")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("\x1b["))) << result;
}

TEST_F(Output, AnUnknownCommandExitsTwoWithAUsageMessage) {
  const auto result = forge_db({"db:frobnicate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("--help")) << result;
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(Output, AnUnknownFlagExitsTwoAndRunsNothing) {
  const auto result = forge_db({"db:migrate", "--frobnicate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.out + result.err, HasSubstr("--frobnicate")) << result;
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(Output, NoCommandAtAllExitsTwo) {
  const auto result = project.forge({});

  EXPECT_EQ(result.exit_code, 2) << result;
}

TEST_F(Output, VersionExitsZeroAndPrintsTheVersion) {
  const auto result = project.forge({"--version"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, ::testing::ContainsRegex("forge [0-9]+\\.[0-9]+\\.[0-9]+")) << result;
}

TEST_F(Output, HelpExitsZeroAndListsEveryCommand) {
  const auto result = project.forge({"--help"});

  EXPECT_EQ(result.exit_code, 0) << result;
  for (const char* command : {"init", "migration:generate", "db:migrate", "db:migrate:undo",
                              "db:migrate:undo:all", "db:migrate:status"}) {
    EXPECT_THAT(result.out, HasSubstr(command)) << result;
  }
  EXPECT_THAT(result.out, HasSubstr("--url")) << result;
}

TEST_F(Output, CommandHelpExitsZeroAndListsItsOptions) {
  const auto result = project.forge({"db:migrate", "--help"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("--to")) << result;
  EXPECT_THAT(result.out, HasSubstr("--step")) << result;
  EXPECT_FALSE(project.exists(k_db));
}

}  // namespace
}  // namespace forge::e2e
