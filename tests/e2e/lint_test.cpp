// `forge lint` and `db:migrate --lint`, run as a user would, with no database server.
#include <nlohmann/json.hpp>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Lint : public ForgeTest {
 protected:
  void write_unit(const std::string& file, const std::string& up, const std::string& down) {
    project.write("migrations/" + file, unit_sql(up, down));
  }
};

TEST_F(Lint, ExitsZeroWhenNothingIsAtErrorLevel) {
  write_unit("1_users.sql", "CREATE TABLE users (id integer primary key);", "DROP TABLE users;");
  const auto result = project.forge({"lint", "--dialect", "sqlite"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("linting every unit"));
}

TEST_F(Lint, ExitsOneAndPrintsTheFindingWithFileLineAndColumn) {
  write_unit("1_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  const auto result = project.forge({"lint", "--dialect", "postgres"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.out, HasSubstr("migrations/1_drop.sql:2:1: error[FORGE-D001]"));
}

TEST_F(Lint, JsonFormatIsAnArrayOfFindings) {
  write_unit("1_index.sql", "SET lock_timeout = '5s';\nCREATE INDEX i ON orders (user_id);",
             "DROP INDEX i;");
  const auto result = project.forge({"lint", "--dialect", "postgres", "--format", "json"});
  EXPECT_EQ(result.exit_code, 1) << result;
  const auto findings = nlohmann::json::parse(result.out);
  ASSERT_EQ(findings.size(), 1u) << result.out;
  EXPECT_EQ(findings[0]["code"], "FORGE-PG001");
  EXPECT_EQ(findings[0]["line"], 3);
  EXPECT_EQ(findings[0]["column"], 1);
  EXPECT_EQ(findings[0]["severity"], "error");
  EXPECT_THAT(findings[0]["lock"].get<std::string>(), HasSubstr("SHARE on orders"));
  EXPECT_THAT(findings[0]["fix"].get<std::string>(), HasSubstr("CONCURRENTLY"));
}

TEST_F(Lint, TheDialectDecidesWhichRulesApply) {
  write_unit("1_add.sql", "ALTER TABLE t ADD COLUMN a INT AFTER b;", "ALTER TABLE t DROP a;");
  EXPECT_THAT(project.forge({"lint", "--dialect", "mysql"}).out, HasSubstr("FORGE-MY002"));
  EXPECT_THAT(project.forge({"lint", "--dialect", "sqlite"}).out, HasSubstr("FORGE-SL001"));
}

TEST_F(Lint, AnIgnoreCommentWithAReasonSilencesTheFinding) {
  write_unit("1_drop.sql",
             "-- forge:lint-ignore FORGE-D001 replaced by accounts in 2023\nDROP TABLE users;",
             "CREATE TABLE users (id int);");
  const auto result = project.forge({"lint", "--dialect", "sqlite", "--format", "json"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(nlohmann::json::parse(result.out).size(), 0u);
}

TEST_F(Lint, AnIgnoreCommentWithoutAReasonIsAnError) {
  write_unit("1_drop.sql", "-- forge:lint-ignore FORGE-D001\nDROP TABLE users;",
             "CREATE TABLE users (id int);");
  const auto result = project.forge({"lint", "--dialect", "sqlite"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.out, HasSubstr("FORGE-L001"));
}

TEST_F(Lint, ForgercSetsARulesLevel) {
  write_unit("1_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  project.write(".forgerc", R"({ "lint": { "FORGE-D001": "warning" } })");
  const auto result = project.forge({"lint", "--dialect", "sqlite"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("warning[FORGE-D001]"));
}

TEST_F(Lint, BadInputExitsTwo) {
  write_unit("1_users.sql", "CREATE TABLE users (id int);", "DROP TABLE users;");
  EXPECT_EQ(project.forge({"lint"}).exit_code, 2);
  EXPECT_EQ(project.forge({"lint", "--dialect", "oracle"}).exit_code, 2);
  EXPECT_EQ(project.forge({"lint", "--dialect", "sqlite", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(project.forge({"lint", "--dialect", "sqlite", "no-such-unit"}).exit_code, 2);
}

TEST_F(Lint, SarifAndGithubFormats) {
  write_unit("1_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  const auto sarif = project.forge({"lint", "--dialect", "sqlite", "--format", "sarif"});
  EXPECT_EQ(nlohmann::json::parse(sarif.out)["version"], "2.1.0");
  const auto github = project.forge({"lint", "--dialect", "sqlite", "--format", "github"});
  EXPECT_THAT(github.out,
              HasSubstr("::error file=migrations/1_drop.sql,line=2,col=1,title=FORGE-D001::"));
}

TEST_F(Lint, MigrateWithLintRefusesAndAppliesNothing) {
  add_table_unit("1", "users", "users");
  write_unit("2_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  const auto result = forge_db({"db:migrate", "--lint"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("FORGE-D001"));
  EXPECT_FALSE(db().has_table("users"));
  EXPECT_EQ(forge_db({"db:migrate"}).exit_code, 0) << "the lock was left behind";
}

TEST_F(Lint, WithADatabaseItLintsOnlyThePendingUnits) {
  write_unit("1_drop.sql", "CREATE TABLE old (id int);\nDROP TABLE users;",
             "CREATE TABLE users (id int);");
  project.write("migrations/0_users.sql", unit_sql(create_table("users"), "DROP TABLE users;"));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  const auto result = forge_db({"lint"});
  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("0 pending unit(s)"));
}

// The CI case: only the units a branch added since a commit.
TEST_F(Lint, SinceACommitLintsOnlyTheUnitsAddedAfterIt) {
  write_unit("1_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  const auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/git", "-c", "user.name=t", "-c", "user.email=t@t", "-C",
                               project.root().string()});
    const auto result = run_process({args, project.root(), {}});
    ASSERT_EQ(result.exit_code, 0) << result;
  };
  git({"init", "-q"});
  git({"add", "."});
  git({"commit", "-qm", "first"});
  write_unit("2_rename.sql", "ALTER TABLE t RENAME TO u;", "ALTER TABLE u RENAME TO t;");
  git({"add", "."});
  git({"commit", "-qm", "second"});

  const auto since = project.forge({"lint", "--dialect", "postgres", "--since", "HEAD~1"});
  EXPECT_EQ(since.exit_code, 1) << since;
  EXPECT_THAT(since.out, HasSubstr("2_rename.sql:2:1: error[FORGE-D009]"));
  EXPECT_THAT(since.out, Not(HasSubstr("1_drop.sql")));
  const auto bad = project.forge({"lint", "--dialect", "postgres", "--since", "no-such-ref"});
  EXPECT_EQ(bad.exit_code, 2) << bad;
}

// Declarative units are linted from their model, for the dialect they will run on.
TEST_F(Lint, DeclarativeUnitsAreLintedForTheirDialect) {
  project.write("migrations/1_users.yaml",
                "up:\n  - removeColumn: { table: users, column: email }\n"
                "down:\n  - addColumn: { table: users, column: email, type: STRING }\n");
  const auto sqlite = project.forge({"lint", "--dialect", "sqlite", "--format", "json"});
  std::vector<std::string> codes;
  for (const auto& finding : nlohmann::json::parse(sqlite.out)) {
    codes.push_back(finding["code"].get<std::string>() + "@" +
                    std::to_string(finding["line"].get<int>()));
  }
  EXPECT_THAT(codes, ::testing::UnorderedElementsAre("FORGE-D002@2", "FORGE-SL002@2")) << sqlite;
  const auto postgres = project.forge({"lint", "--dialect", "postgres"});
  EXPECT_THAT(postgres.out, HasSubstr("1_users.yaml:2:5: error[FORGE-D002]")) << postgres;
  EXPECT_THAT(postgres.out, Not(HasSubstr("FORGE-SL002")));
}

// SQLite rebuilds a table for a changed column but not for an added one; a written down that is
// not the inverse of the up is flagged, its inverse is not.
TEST_F(Lint, DeclarativeRebuildsAndDownsThatDoNotUndoTheUp) {
  const auto codes_of = [&](const std::string& unit) {
    project.write("migrations/1_u.yaml", unit);
    const auto result = project.forge({"lint", "--dialect", "sqlite", "--format", "json"});
    std::vector<std::string> codes;
    for (const auto& finding : nlohmann::json::parse(result.out)) {
      codes.push_back(finding["code"].get<std::string>());
    }
    return codes;
  };
  const std::string add = "  - addColumn: { table: users, column: note, type: STRING }\n";
  const std::string change = "  - changeColumn: { table: users, column: note, type: STRING(80) }\n";
  EXPECT_THAT(codes_of("up:\n" + add + "down:\n  - removeColumn: { table: users, column: note }\n"),
              ::testing::IsEmpty());
  EXPECT_THAT(codes_of("up:\n" + change + "down:\n" + change), ::testing::Contains("FORGE-SL002"));
  EXPECT_THAT(
      codes_of("up:\n" + add + "down:\n  - removeColumn: { table: users, column: other }\n"),
      ::testing::Contains("FORGE-U002"));
}

// --all needs no database: one that cannot be reached only loses the row counts.
TEST_F(Lint, AnUnreachableDatabaseOnlyLosesTheRowCountsOfAllUnits) {
  write_unit("1_drop.sql", "DROP TABLE users;", "CREATE TABLE users (id int);");
  const auto result =
      project.forge({"lint", "--all", "--url", "postgres://u:s3cret-pw@127.0.0.1:1/x"});
  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.out, HasSubstr("error[FORGE-D001]"));
  EXPECT_THAT(result.err, HasSubstr("cannot be reached"));
  EXPECT_THAT(result.out + result.err, Not(HasSubstr("s3cret-pw")));
}

// With a database, a finding that depends on rows says how many the table holds; on an empty
// table it is only information.
TEST_F(Lint, TheLiveDatabaseSaysHowManyRowsATableHolds) {
  project.write(
      "migrations/0_users.sql",
      unit_sql("CREATE TABLE users (id integer primary key, email text);", "DROP TABLE users;"));
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  write_unit("2_unique.sql", "CREATE UNIQUE INDEX users_email ON users (email);",
             "DROP INDEX users_email;");
  auto findings = nlohmann::json::parse(forge_db({"lint", "--format", "json"}).out);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_EQ(findings[0]["code"], "FORGE-D005");
  EXPECT_EQ(findings[0]["severity"], "info");
  EXPECT_THAT(findings[0]["message"].get<std::string>(), HasSubstr("users holds 0 rows"));

  project.write("migrations/1_row.sql",
                unit_sql("INSERT INTO users (email) VALUES ('a@b.c');", "DELETE FROM users;"));
  ASSERT_EQ(forge_db({"db:migrate", "--to", "1_row"}).exit_code, 0);
  findings = nlohmann::json::parse(forge_db({"lint", "--format", "json"}).out);
  ASSERT_EQ(findings.size(), 1u) << findings;
  EXPECT_EQ(findings[0]["severity"], "warning");
  EXPECT_THAT(findings[0]["message"].get<std::string>(), HasSubstr("users holds 1 row)"));
  // --dialect alone reads no database.
  findings = nlohmann::json::parse(
      project.forge({"lint", "--all", "--dialect", "sqlite", "--format", "json"}).out);
  EXPECT_THAT(findings.back()["message"].get<std::string>(), Not(HasSubstr("holds")));
}

}  // namespace
}  // namespace forge::e2e
