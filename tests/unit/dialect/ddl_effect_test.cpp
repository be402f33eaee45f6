// What a DDL statement leaves in the catalog, read from its text: the checks a run makes on
// a statement an interrupted run sent, and the verdict from the answers.
#include "dialect/ddl_effect.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace forge::dialect {
namespace {

using core::Dialect;
using core::Effect;
using Kind = CatalogObject::Kind;

// "table s.t", "column t.c", "index t.i", "constraint t.k", each with + (made) or - (removed).
std::vector<std::string> checks_of(const std::string& sql, Dialect dialect = Dialect::mysql) {
  std::vector<std::string> out;
  for (const auto& check : expected_effect(sql, dialect).checks) {
    const auto& o = check.object;
    const char* kind = o.kind == Kind::table    ? "table"
                       : o.kind == Kind::column ? "column"
                       : o.kind == Kind::index  ? "index"
                                                : "constraint";
    std::string path;
    for (const std::string& part : {o.schema, o.table, o.name}) {
      if (!part.empty()) path += (path.empty() ? "" : ".") + part;
    }
    out.push_back(std::string(check.present_after ? "+" : "-") + kind + " " + path);
  }
  return out;
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(ExpectedEffect, CreateTableMakesTheTable) {
  EXPECT_THAT(checks_of("CREATE TABLE `users` (id INT)"), ElementsAre("+table users"));
  EXPECT_THAT(checks_of("create table app.users (id int)"), ElementsAre("+table app.users"));
}

TEST(ExpectedEffect, PostgresFoldsUnquotedNamesAndKeepsQuotedOnes) {
  EXPECT_THAT(checks_of("CREATE TABLE Users (id int)", Dialect::postgres),
              ElementsAre("+table users"));
  EXPECT_THAT(checks_of("CREATE TABLE \"Users\" (id int)", Dialect::postgres),
              ElementsAre("+table Users"));
}

TEST(ExpectedEffect, IdempotentFormsAreRepeatable) {
  for (const char* sql : {"CREATE TABLE IF NOT EXISTS t (x INT)", "DROP TABLE IF EXISTS t",
                          "CREATE OR REPLACE VIEW v AS SELECT 1", "VACUUM",
                          "CREATE INDEX IF NOT EXISTS i ON t (x)", "REINDEX TABLE t"}) {
    EXPECT_TRUE(expected_effect(sql, Dialect::postgres).repeatable) << sql;
  }
}

TEST(ExpectedEffect, IndexesBelongToTheirTable) {
  EXPECT_THAT(checks_of("CREATE UNIQUE INDEX users_email ON users (email)"),
              ElementsAre("+index users.users_email"));
  EXPECT_THAT(checks_of("CREATE INDEX CONCURRENTLY i ON ONLY s.t (x)", Dialect::postgres),
              ElementsAre("+index s.t.i"));
  EXPECT_THAT(checks_of("DROP INDEX i ON t"), ElementsAre("-index t.i"));
  EXPECT_THAT(checks_of("DROP INDEX CONCURRENTLY s.i", Dialect::postgres),
              ElementsAre("-index s.i"));
}

TEST(ExpectedEffect, AlterTableChecksEachOfItsActions) {
  EXPECT_THAT(checks_of("ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0, ADD INDEX t_c (c)"),
              ElementsAre("+column t.c", "+index t.t_c"));
  EXPECT_THAT(checks_of("ALTER TABLE t DROP COLUMN c"), ElementsAre("-column t.c"));
  EXPECT_THAT(checks_of("ALTER TABLE t ADD COLUMN c INT, ALGORITHM=COPY, LOCK=SHARED"),
              ElementsAre("+column t.c"));
  EXPECT_THAT(checks_of("ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)"),
              ElementsAre("+constraint t.fk"));
  EXPECT_THAT(checks_of("ALTER TABLE t DROP FOREIGN KEY fk"), ElementsAre("-constraint t.fk"));
  EXPECT_THAT(checks_of("ALTER TABLE t RENAME COLUMN a TO b"),
              ElementsAre("-column t.a", "+column t.b"));
  EXPECT_THAT(checks_of("ALTER TABLE t CHANGE a b INT"), ElementsAre("-column t.a", "+column t.b"));
  EXPECT_THAT(checks_of("ALTER TABLE t RENAME TO u"), ElementsAre("-table t", "+table u"));
  EXPECT_THAT(checks_of("ALTER TABLE t RENAME a TO b", Dialect::postgres),
              ElementsAre("-column t.a", "+column t.b"));
}

TEST(ExpectedEffect, NewColumnDefinitionsAreRepeatable) {
  for (const char* sql :
       {"ALTER TABLE t MODIFY c BIGINT NOT NULL", "ALTER TABLE t CHANGE c c BIGINT",
        "ALTER TABLE t ALTER COLUMN c TYPE bigint", "ALTER TABLE t ALTER c SET DEFAULT 0",
        "ALTER TABLE t ALTER COLUMN c DROP NOT NULL, ALTER COLUMN d SET NOT NULL"}) {
    EXPECT_TRUE(expected_effect(sql, Dialect::postgres).repeatable) << sql;
  }
  // Atomic together with something checkable: the check decides.
  EXPECT_THAT(checks_of("ALTER TABLE t ADD COLUMN c INT, MODIFY d BIGINT"),
              ElementsAre("+column t.c"));
}

TEST(ExpectedEffect, ClausesItCannotCheckMakeTheWholeStatementUnknown) {
  const auto using_expression =
      expected_effect("ALTER TABLE t ALTER COLUMN c TYPE int USING c * 100", Dialect::postgres);
  EXPECT_FALSE(using_expression.repeatable);
  EXPECT_THAT(using_expression.checks, IsEmpty());
  EXPECT_THAT(checks_of("ALTER TABLE t ADD COLUMN c INT, ALTER COLUMN d TYPE int USING d + 1"),
              IsEmpty());
  EXPECT_THAT(checks_of("INSERT INTO t VALUES (1)"), IsEmpty());
  EXPECT_THAT(checks_of("ALTER TABLE t ADD PRIMARY KEY (id)"), IsEmpty());
}

TEST(ExpectedEffect, RenameTableAndDropSeveralTables) {
  EXPECT_THAT(checks_of("RENAME TABLE a TO b, c TO d"),
              ElementsAre("-table a", "+table b", "-table c", "+table d"));
  EXPECT_THAT(checks_of("DROP TABLE a, b"), ElementsAre("-table a", "-table b"));
}

TEST(ExpectedEffect, CommentsAndStringsDoNotConfuseIt) {
  EXPECT_THAT(checks_of("-- make it\nCREATE /* now */ TABLE t (c VARCHAR(9) DEFAULT 'x,y')"),
              ElementsAre("+table t"));
}

TEST(DecideEffect, AllChecksHoldingMeansTookEffectNoneMeansNotRun) {
  const auto expected = expected_effect("ALTER TABLE t RENAME COLUMN a TO b", Dialect::mysql);
  std::set<std::string> present;
  auto exists = [&](const CatalogObject& o) { return present.count(o.name) > 0; };
  present = {"b"};
  EXPECT_EQ(decide_effect(expected, exists), Effect::took_effect);
  present = {"a"};
  EXPECT_EQ(decide_effect(expected, exists), Effect::not_run);
  present = {"a", "b"};
  EXPECT_EQ(decide_effect(expected, exists), Effect::unknown);
  EXPECT_EQ(decide_effect(expected_effect("ALTER TABLE t MODIFY c INT", Dialect::mysql), exists),
            Effect::repeatable);
  EXPECT_EQ(decide_effect(expected_effect("CALL p()", Dialect::mysql), exists), Effect::unknown);
}

}  // namespace
}  // namespace forge::dialect
