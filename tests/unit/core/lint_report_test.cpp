// forge lint's four output formats, from one fixed list of findings.
#include "core/lint/lint_report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/lint/sql_classifier.hpp"

namespace forge::core::lint {
namespace {

std::vector<Finding> fixed_findings() {
  Finding index{{"migrations/1_a.sql", 3, 5},
                "FORGE-PG001",
                Severity::error,
                "CREATE INDEX on t without CONCURRENTLY blocks its writes",
                "SHARE on t",
                "CREATE INDEX CONCURRENTLY"};
  Finding rename{
      {"migrations/2_b.sql", 1, 1}, "FORGE-D010", Severity::warning, "renaming t.a, b", "", ""};
  return {index, rename};
}

TEST(LintReport, TextReadsLikeACompilersDiagnostics) {
  EXPECT_EQ(text_report(fixed_findings()),
            "migrations/1_a.sql:3:5: error[FORGE-PG001] CREATE INDEX on t without CONCURRENTLY "
            "blocks its writes\n"
            "  lock: SHARE on t\n"
            "  fix: CREATE INDEX CONCURRENTLY\n"
            "migrations/2_b.sql:1:1: warning[FORGE-D010] renaming t.a, b\n");
}

TEST(LintReport, JsonIsAnArrayOfFindingsWithEveryField) {
  EXPECT_EQ(
      json_report({fixed_findings()[1]}),
      "[\n  {\n    \"file\": \"migrations/2_b.sql\",\n    \"line\": 1,\n    \"column\": 1,\n"
      "    \"code\": \"FORGE-D010\",\n    \"severity\": \"warning\",\n"
      "    \"message\": \"renaming t.a, b\",\n    \"lock\": \"\",\n    \"fix\": \"\"\n  }\n]\n");
  EXPECT_EQ(json_report({}), "[]\n");
}

TEST(LintReport, GithubAnnotationsEscapeTheirSeparators) {
  EXPECT_EQ(github_report(fixed_findings()),
            "::error file=migrations/1_a.sql,line=3,col=5,title=FORGE-PG001::CREATE INDEX on t "
            "without CONCURRENTLY blocks its writes%0Afix: CREATE INDEX CONCURRENTLY\n"
            "::warning file=migrations/2_b.sql,line=1,col=1,title=FORGE-D010::renaming t.a, b\n");
}

TEST(LintReport, SarifHasOneRunWithRulesAndLocatedResults) {
  const auto log = nlohmann::json::parse(sarif_report(fixed_findings(), "0.1.0"));
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_TRUE(log.contains("$schema"));
  ASSERT_EQ(log["runs"].size(), 1u);
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "forge");
  // The project has no home page: no made-up informationUri (the field is optional).
  EXPECT_FALSE(run["tool"]["driver"].contains("informationUri"));
  const auto& rule = run["tool"]["driver"]["rules"][0];
  EXPECT_EQ(rule["id"], "FORGE-D001");
  EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
  EXPECT_TRUE(rule["shortDescription"].contains("text"));
  const auto& result = run["results"][0];
  EXPECT_EQ(result["ruleId"], "FORGE-PG001");
  EXPECT_EQ(result["level"], "error");
  const auto& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "migrations/1_a.sql");
  EXPECT_EQ(location["region"]["startLine"], 3);
  EXPECT_EQ(location["region"]["startColumn"], 5);
}

TEST(SqlClassifier, ReadsMysqlAlterTableActionsSeparatedByCommas) {
  const auto shape = classify_sql(
      "ALTER TABLE `t` ADD COLUMN a INT NOT NULL DEFAULT 0 AFTER b, DROP COLUMN c, "
      "MODIFY d ENUM('x','y')",
      Dialect::mysql);
  const auto* alter = std::get_if<AlterTable>(&shape);
  ASSERT_NE(alter, nullptr);
  EXPECT_EQ(alter->table, "t");
  ASSERT_EQ(alter->actions.size(), 3u);
  const auto& add = std::get<AddColumn>(alter->actions[0]);
  EXPECT_TRUE(add.column.not_null);
  EXPECT_TRUE(add.reorders);
  EXPECT_EQ(add.column.default_kind, DefaultKind::constant);
  EXPECT_EQ(std::get<DropColumn>(alter->actions[1]).column, "c");
  EXPECT_TRUE(std::get<AlterColumnType>(alter->actions[2]).enum_or_set);
}

TEST(SqlClassifier, IgnoresKeywordsInsideStringsAndComments) {
  const auto shape =
      classify_sql("/* DROP TABLE x */ INSERT INTO t VALUES ('DROP TABLE y')", Dialect::sqlite);
  EXPECT_TRUE(std::holds_alternative<OtherStatement>(shape));
}

}  // namespace
}  // namespace forge::core::lint
