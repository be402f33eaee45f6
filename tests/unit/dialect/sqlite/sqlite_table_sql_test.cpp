// Taking CREATE TABLE statements apart for the table rebuild.
#include "dialect/sqlite/sqlite_table_sql.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace forge::dialect::sqlite {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> item_texts(const TableSql& table) {
  std::vector<std::string> out;
  for (const TableItem& item : table.items) out.push_back(tokens_sql(item.tokens));
  return out;
}

std::vector<std::string> clause_texts(const TableItem& item) {
  std::vector<std::string> out;
  for (const ColumnClause& clause : item.column_clauses())
    out.push_back(clause.keyword + (clause.constraint ? "[" + *clause.constraint + "]" : "") +
                  ": " + tokens_sql(clause.tokens));
  return out;
}

TEST(ParseCreateTable, SplitsAtTopLevelCommasOnly) {
  const auto table = parse_create_table(
      "CREATE TABLE \"a,(b\" (x NUMERIC(10,2) DEFAULT 'a,b', -- c, d\n"
      "  [y,z] TEXT /* e, f */, CHECK (x IN (1, 2))) WITHOUT ROWID");
  ASSERT_TRUE(table);
  EXPECT_THAT(item_texts(*table),
              ElementsAre("x NUMERIC(10,2) DEFAULT 'a,b'", "[y,z] TEXT", "CHECK (x IN (1, 2))"));
  EXPECT_EQ(table->options, "WITHOUT ROWID");
  EXPECT_EQ(table->items[1].column, "y,z");
  EXPECT_FALSE(table->items[2].column);
  EXPECT_EQ(table->items[2].keyword, "CHECK");
}

TEST(ParseCreateTable, ReadsQuotedColumnNamesAndConstraintNames) {
  const auto table = parse_create_table(
      "CREATE TABLE t (\"a\"\"b\" INT, `c` INT, 'd' INT, \"primary\" INT, "
      "constraint \"my key\" primary key (\"a\"\"b\"))");
  ASSERT_TRUE(table);
  EXPECT_EQ(table->items[0].column, "a\"b");
  EXPECT_EQ(table->items[1].column, "c");
  EXPECT_EQ(table->items[2].column, "d");
  EXPECT_EQ(table->items[3].column, "primary");
  EXPECT_EQ(table->items[4].constraint, "my key");
  EXPECT_EQ(table->items[4].keyword, "PRIMARY");
  EXPECT_TRUE(table->items[4].depends_on("A\"B"));
}

TEST(ParseCreateTable, RefusesCreateTableAsSelect) {
  EXPECT_FALSE(parse_create_table("CREATE TABLE t AS SELECT 1"));
}

TEST(ColumnClauses, SplitsAColumnDefinitionIntoItsClauses) {
  const TableItem item = parse_item(
      "\"p\" DOUBLE PRECISION NOT NULL DEFAULT NULL CONSTRAINT \"u\" UNIQUE "
      "REFERENCES \"t\" (\"id\") ON DELETE SET NULL ON UPDATE SET DEFAULT NOT DEFERRABLE "
      "CHECK (p IS NOT NULL) COLLATE NOCASE GENERATED ALWAYS AS (1) STORED");
  EXPECT_EQ(tokens_sql(item.column_type()), "DOUBLE PRECISION");
  EXPECT_THAT(
      clause_texts(item),
      ElementsAre("NOT: NOT NULL", "DEFAULT: DEFAULT NULL", "UNIQUE[u]: CONSTRAINT \"u\" UNIQUE",
                  "REFERENCES: REFERENCES \"t\" (\"id\") ON DELETE SET NULL ON UPDATE SET "
                  "DEFAULT NOT DEFERRABLE",
                  "CHECK: CHECK (p IS NOT NULL)", "COLLATE: COLLATE NOCASE",
                  "GENERATED: GENERATED ALWAYS AS (1) STORED"));
}

TEST(ColumnClauses, AColumnMayHaveNoType) {
  const TableItem item = parse_item("id PRIMARY KEY");
  EXPECT_TRUE(item.column_type().empty());
  EXPECT_THAT(clause_texts(item), ElementsAre("PRIMARY: PRIMARY KEY"));
}

TEST(DependsOn, AForeignKeyDependsOnlyOnItsOwnColumns) {
  const TableItem key = parse_item("FOREIGN KEY (a) REFERENCES p (b)");
  EXPECT_TRUE(key.depends_on("a"));
  EXPECT_FALSE(key.depends_on("b"));
  EXPECT_FALSE(key.depends_on("p"));
}

TEST(DependsOn, ACheckDependsOnTheNamesInItsExpressionButNotOnStrings) {
  const TableItem check = parse_item("CONSTRAINT \"b\" CHECK (a > 0 AND c <> 'b')");
  EXPECT_TRUE(check.depends_on("a"));
  EXPECT_FALSE(check.depends_on("b"));
}

TEST(Unquote, UndoesEachQuotingStyle) {
  const auto tokens = tokenize("\"a\"\"b\" `c``d` [e\"f] 'g''h' plain");
  std::vector<std::string> names;
  for (const Token& token : tokens)
    if (token.kind != Token::Kind::space) names.push_back(unquote(token));
  EXPECT_THAT(names, ElementsAre("a\"b", "c`d", "e\"f", "g'h", "plain"));
}

}  // namespace
}  // namespace forge::dialect::sqlite
