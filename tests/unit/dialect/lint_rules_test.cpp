// Each lint rule fires on a minimal unit and stays quiet on its safe rewrite, per dialect: the
// statements go through the dialect's real reader (PostgreSQL's parser, forge's tokenizer).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/lint/linter.hpp"
#include "dialect/lint_units.hpp"
#include "util/strings.hpp"

namespace forge::dialect {
namespace {

namespace lint = core::lint;
using core::Dialect;

lint::LintUnit unit_of(const std::string& sql, Dialect dialect, bool in_transaction) {
  lint::LintUnit unit;
  unit.name = "unit";
  unit.in_transaction = in_transaction;
  int line = 1;
  for (const std::string& piece : util::split(sql, ';')) {
    if (util::trim(piece).empty()) continue;
    for (auto& statement :
         classify_statement(std::string(util::trim(piece)), {"u.sql", line++, 1}, dialect)) {
      unit.statements.push_back(std::move(statement));
    }
  }
  return unit;
}

std::vector<std::string> codes_of(const std::string& sql, Dialect dialect,
                                  bool in_transaction = true) {
  std::vector<std::string> codes;
  for (const auto& finding : lint::lint_unit(unit_of(sql, dialect, in_transaction), dialect)) {
    codes.push_back(finding.code);
  }
  return codes;
}

bool has(const std::vector<std::string>& codes, const std::string& code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

struct RuleCase {
  std::string code;
  Dialect dialect;
  std::string fires;  // a minimal unit the rule must flag
  std::string quiet;  // its safe rewrite
  bool in_transaction = true;
};

std::ostream& operator<<(std::ostream& os, const RuleCase& c) {
  return os << c.code << " on " << core::dialect_name(c.dialect) << ": " << c.fires;
}

class LintRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(LintRule, FiresOnTheMinimalUnitAndNotOnItsSafeRewrite) {
  const RuleCase& c = GetParam();
  EXPECT_TRUE(has(codes_of(c.fires, c.dialect, c.in_transaction), c.code));
  EXPECT_FALSE(has(codes_of(c.quiet, c.dialect, c.in_transaction), c.code));
}

const Dialect PG = Dialect::postgres;
const Dialect MY = Dialect::mysql;
const Dialect SL = Dialect::sqlite;
const std::string k_timeout = "SET lock_timeout = '5s';";

INSTANTIATE_TEST_SUITE_P(
    Rules, LintRule,
    ::testing::Values(
        RuleCase{"FORGE-D001", PG, "DROP TABLE t", "CREATE TABLE t (a int); DROP TABLE t"},
        RuleCase{"FORGE-D001", MY, "DROP TABLE IF EXISTS t, u", "CREATE TABLE t (a int)"},
        RuleCase{"FORGE-D001", SL, "DROP TABLE t", "CREATE TABLE t (a int); DROP TABLE t"},
        RuleCase{"FORGE-D002", PG, "ALTER TABLE t DROP COLUMN a", "ALTER TABLE t ADD COLUMN a int"},
        RuleCase{"FORGE-D002", MY, "ALTER TABLE t DROP a", "ALTER TABLE t ADD a int"},
        RuleCase{"FORGE-D002", SL, "ALTER TABLE t DROP COLUMN a", "ALTER TABLE t ADD COLUMN a int"},
        RuleCase{"FORGE-D003", PG, "DROP SCHEMA s CASCADE", "CREATE SCHEMA s"},
        RuleCase{"FORGE-D003", MY, "DROP DATABASE d", "CREATE DATABASE d"},
        RuleCase{"FORGE-D004", PG, "TRUNCATE t CASCADE", "DELETE FROM t WHERE a = 1"},
        RuleCase{"FORGE-D004", MY, "TRUNCATE TABLE t", "DELETE FROM t WHERE a = 1"},
        RuleCase{"FORGE-D005", PG, "CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)",
                 "CREATE INDEX CONCURRENTLY i ON t (a)", false},
        RuleCase{"FORGE-D005", MY, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)",
                 "ALTER TABLE t ADD INDEX i (a)"},
        RuleCase{"FORGE-D005", SL, "CREATE UNIQUE INDEX i ON t (a)", "CREATE INDEX i ON t (a)"},
        RuleCase{"FORGE-D006", PG, "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
                 "ALTER TABLE t ADD CONSTRAINT c CHECK (a IS NOT NULL) NOT VALID"},
        RuleCase{"FORGE-D007", PG, "ALTER TABLE t ADD COLUMN a int NOT NULL",
                 "ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT 0"},
        RuleCase{"FORGE-D007", MY, "ALTER TABLE t ADD COLUMN a INT NOT NULL",
                 "ALTER TABLE t ADD COLUMN a INT NOT NULL DEFAULT 0"},
        RuleCase{"FORGE-D007", SL, "ALTER TABLE t ADD COLUMN a integer NOT NULL",
                 "ALTER TABLE t ADD COLUMN a integer NOT NULL DEFAULT 0"},
        RuleCase{"FORGE-D008", MY, "ALTER TABLE t MODIFY a VARCHAR(10)",
                 "ALTER TABLE t ADD COLUMN b VARCHAR(10)"},
        RuleCase{"FORGE-D009", PG, "ALTER TABLE t RENAME TO u", "CREATE VIEW u AS SELECT * FROM t"},
        RuleCase{"FORGE-D009", MY, "RENAME TABLE t TO u", "CREATE TABLE u (a int)"},
        RuleCase{"FORGE-D009", SL, "ALTER TABLE t RENAME TO u", "CREATE TABLE u (a int)"},
        RuleCase{"FORGE-D010", PG, "ALTER TABLE t RENAME COLUMN a TO b",
                 "ALTER TABLE t ADD COLUMN b int"},
        RuleCase{"FORGE-D010", MY, "ALTER TABLE t CHANGE a b INT", "ALTER TABLE t ADD b INT"},
        RuleCase{"FORGE-D010", SL, "ALTER TABLE t RENAME COLUMN a TO b",
                 "ALTER TABLE t ADD COLUMN b int"},
        RuleCase{"FORGE-D011", PG, "ALTER TABLE t ALTER COLUMN a DROP NOT NULL",
                 "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1"},
        RuleCase{"FORGE-PG001", PG, "CREATE INDEX i ON t (a)",
                 "CREATE INDEX CONCURRENTLY i ON t (a)", false},
        RuleCase{"FORGE-PG001", PG, "CREATE INDEX i ON t (a)",
                 "CREATE TABLE t (a int); CREATE INDEX i ON t (a)"},
        RuleCase{"FORGE-PG002", PG, "BEGIN; CREATE INDEX CONCURRENTLY i ON t (a); COMMIT",
                 "CREATE INDEX CONCURRENTLY i ON t (a)", false},
        RuleCase{"FORGE-PG003", PG,
                 "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)",
                 "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID"},
        RuleCase{"FORGE-PG003", PG, "ALTER TABLE t ADD COLUMN u int REFERENCES u (id)",
                 "ALTER TABLE t ADD COLUMN u int"},
        RuleCase{"FORGE-PG004", PG, "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0)",
                 "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID"},
        RuleCase{"FORGE-PG005", PG, "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a)",
                 "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX i"},
        RuleCase{"FORGE-PG005", PG, "ALTER TABLE t ADD PRIMARY KEY (id)",
                 "ALTER TABLE t ADD CONSTRAINT p PRIMARY KEY USING INDEX i"},
        RuleCase{"FORGE-PG006", PG, "ALTER TABLE t ALTER COLUMN a TYPE bigint",
                 "ALTER TABLE t ADD COLUMN a2 bigint"},
        RuleCase{"FORGE-PG007", PG, "ALTER TABLE t ADD COLUMN id uuid DEFAULT gen_random_uuid()",
                 "ALTER TABLE t ADD COLUMN at timestamptz DEFAULT now()"},
        RuleCase{"FORGE-PG007", PG, "ALTER TABLE t ADD COLUMN c text DEFAULT make_code()",
                 "ALTER TABLE t ADD COLUMN c text DEFAULT lower('X')"},
        RuleCase{"FORGE-PG007", PG,
                 "ALTER TABLE t ADD COLUMN c bigint GENERATED ALWAYS AS (a * 100) STORED",
                 "ALTER TABLE t ADD COLUMN c bigint DEFAULT 100"},
        RuleCase{"FORGE-PG007", PG,
                 "ALTER TABLE t ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY",
                 "ALTER TABLE t ADD COLUMN id bigint"},
        RuleCase{"FORGE-PG007", PG, "ALTER TABLE t ADD COLUMN n bigserial",
                 "CREATE TABLE u (n bigserial)"},
        RuleCase{"FORGE-PG008", PG, "ALTER TABLE t ADD COLUMN a int",
                 k_timeout + " ALTER TABLE t ADD COLUMN a int"},
        RuleCase{"FORGE-PG008", PG, "CREATE INDEX CONCURRENTLY i ON t (a)",
                 k_timeout + " CREATE INDEX CONCURRENTLY i ON t (a)", false},
        RuleCase{"FORGE-PG008", PG, "DROP INDEX CONCURRENTLY i",
                 k_timeout + " DROP INDEX CONCURRENTLY i", false},
        RuleCase{"FORGE-PG008", PG, "DROP SCHEMA s", "CREATE SCHEMA s"},
        RuleCase{"FORGE-PG008", PG, "ALTER TYPE mood ADD VALUE 'meh'",
                 k_timeout + " ALTER TYPE mood ADD VALUE 'meh'"},
        RuleCase{"FORGE-PG009", PG, "ALTER TYPE mood ADD VALUE 'meh'; INSERT INTO t VALUES ('meh')",
                 "ALTER TYPE mood ADD VALUE 'meh'; INSERT INTO t VALUES ('ok')"},
        RuleCase{"FORGE-PG010", PG, "DROP INDEX i", "DROP INDEX CONCURRENTLY i", false},
        RuleCase{"FORGE-MY001", MY, "ALTER TABLE t MODIFY s ENUM('a','b','c')",
                 "ALTER TABLE t MODIFY s VARCHAR(20)"},
        RuleCase{"FORGE-MY002", MY, "ALTER TABLE t ADD COLUMN a INT AFTER b",
                 "ALTER TABLE t ADD COLUMN a INT"},
        RuleCase{"FORGE-MY002", MY, "ALTER TABLE t MODIFY a INT FIRST",
                 "ALTER TABLE t MODIFY a INT"},
        RuleCase{"FORGE-MY003", MY, "ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4",
                 "ALTER TABLE t DEFAULT CHARACTER SET utf8mb4"},
        RuleCase{"FORGE-MY004", MY, "CREATE TABLE t (u INT REFERENCES u (id))",
                 "CREATE TABLE t (u INT, FOREIGN KEY (u) REFERENCES u (id))"},
        RuleCase{"FORGE-SL001", SL, "ALTER TABLE t ALTER COLUMN a SET NOT NULL",
                 "ALTER TABLE t ADD COLUMN b int"},
        RuleCase{"FORGE-SL001", SL, "ALTER TABLE t ADD CONSTRAINT c UNIQUE (a)",
                 "CREATE UNIQUE INDEX i ON t (a)"},
        RuleCase{"FORGE-SL001", SL, "ALTER TABLE t ADD COLUMN at text DEFAULT CURRENT_TIMESTAMP",
                 "ALTER TABLE t ADD COLUMN at text DEFAULT 'x'"},
        RuleCase{"FORGE-U003", PG, "CREATE INDEX CONCURRENTLY i ON t (a); INSERT INTO t VALUES (1)",
                 "CREATE INDEX CONCURRENTLY i ON t (a)", false},
        RuleCase{"FORGE-L002", PG, "ALTER TABLE t ADD COLUMN", "ALTER TABLE t ADD COLUMN a int"}));

TEST(LintIgnore, SilencesTheCodeOnItsStatementOnly) {
  lint::LintUnit unit = unit_of("DROP TABLE a; DROP TABLE b", Dialect::sqlite, true);
  unit.statements[0].ignores.push_back({"FORGE-D001", "replaced by c", {"u.sql", 1, 1}});
  const auto findings = lint::lint_unit(unit, Dialect::sqlite);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].position.line, 2);
}

TEST(LintIgnore, WithoutAReasonIsItselfAnError) {
  lint::LintUnit unit = unit_of("DROP TABLE a", Dialect::sqlite, true);
  const lint::IgnoreDirective ignore{"FORGE-D001", "", {"u.sql", 1, 1}};
  unit.statements[0].ignores.push_back(ignore);
  unit.file_ignores.push_back(ignore);
  const auto findings = lint::lint_unit(unit, Dialect::sqlite);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].code, "FORGE-L001");
}

TEST(LintOverrides, ChangeTheLevelOrTurnARuleOff) {
  const lint::LintUnit unit = unit_of("DROP TABLE a; TRUNCATE b", Dialect::mysql, true);
  const auto findings = lint::lint_unit(
      unit, Dialect::mysql,
      {{"FORGE-D001", lint::Severity::warning}, {"FORGE-D004", lint::Severity::off}});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, lint::Severity::warning);
}

TEST(LintUnitRules, AUnitWithoutDownIsFlagged) {
  lint::LintUnit unit = unit_of("CREATE TABLE t (a int)", Dialect::sqlite, true);
  EXPECT_TRUE(lint::lint_unit(unit, Dialect::sqlite).empty());
  unit.has_down = false;
  EXPECT_EQ(lint::lint_unit(unit, Dialect::sqlite).at(0).code, "FORGE-U001");
}

TEST(PostgresParser, GivesTheSyntaxErrorOfABrokenStatement) {
  const auto statements = classify_statement("ALTER TABLE", {"u.sql", 1, 1}, Dialect::postgres);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<lint::Unparsed>(statements[0].shape));
}

}  // namespace
}  // namespace forge::dialect
