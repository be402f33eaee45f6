// The SQL dump of a SQLite schema (issue 14), from hand-built schemas.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/sql_splitter.hpp"
#include "dialect/sqlite/sqlite_introspect.hpp"

namespace forge::dialect::sqlite {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string k_header = "-- forge schema dump (sqlite)\n";

core::SchemaColumn column(std::string name, std::string type) {
  core::SchemaColumn c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

core::Schema schema_of(core::SchemaTable table) {
  core::Schema schema;
  schema.tables = {std::move(table)};
  return schema;
}

std::size_t position(const std::string& text, const std::string& needle) {
  return text.find(needle);
}

TEST(SqliteSchemaSql, DeclaresAnAutoincrementKeyOnItsColumn) {
  core::SchemaTable table;
  table.name = "users";
  core::SchemaColumn id = column("id", "INTEGER");
  id.identity = "autoincrement";
  core::SchemaColumn email = column("email", "TEXT");
  email.nullable = false;
  email.collation = "NOCASE";
  email.default_sql = "''";
  table.columns = {id, email};
  table.primary_key = core::SchemaConstraint{"", {"id"}, ""};

  EXPECT_EQ(schema_sql(schema_of(table)),
            k_header +
                "\n"
                "CREATE TABLE \"users\" (\n"
                "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                "  \"email\" TEXT NOT NULL DEFAULT ('') COLLATE NOCASE\n"
                ");\n");
}

TEST(SqliteSchemaSql, WritesEveryDefaultInParenthesesSoAnExpressionLoads) {
  core::SchemaTable table;
  table.name = "t";
  core::SchemaColumn at = column("at", "TEXT");
  at.default_sql = "datetime('now')";
  core::SchemaColumn n = column("n", "INTEGER");
  n.default_sql = "-1";
  table.columns = {at, n};

  EXPECT_EQ(schema_sql(schema_of(table)), k_header +
                                              "\n"
                                              "CREATE TABLE \"t\" (\n"
                                              "  \"at\" TEXT DEFAULT (datetime('now')),\n"
                                              "  \"n\" INTEGER DEFAULT (-1)\n"
                                              ");\n");
}

TEST(SqliteSchemaSql, WritesAKeyWithoutAutoincrementAsATableConstraint) {
  core::SchemaTable table;
  table.name = "t";
  table.columns = {column("id", "INTEGER")};
  table.primary_key = core::SchemaConstraint{"", {"id"}, ""};

  EXPECT_EQ(schema_sql(schema_of(table)), k_header +
                                              "\n"
                                              "CREATE TABLE \"t\" (\n"
                                              "  \"id\" INTEGER,\n"
                                              "  PRIMARY KEY (\"id\")\n"
                                              ");\n");
}

TEST(SqliteSchemaSql, WritesACompositePrimaryKeyAsATableConstraintAfterTheColumns) {
  core::SchemaTable table;
  table.name = "memberships";
  core::SchemaColumn user = column("user_id", "INTEGER");
  user.nullable = false;
  // An autoincrement mark on one column of a composite key cannot go on the column.
  user.identity = "autoincrement";
  table.columns = {user, column("team_id", "INTEGER")};
  table.primary_key = core::SchemaConstraint{"", {"team_id", "user_id"}, ""};
  table.options = "WITHOUT ROWID";

  EXPECT_EQ(schema_sql(schema_of(table)), k_header +
                                              "\n"
                                              "CREATE TABLE \"memberships\" (\n"
                                              "  \"user_id\" INTEGER NOT NULL,\n"
                                              "  \"team_id\" INTEGER,\n"
                                              "  PRIMARY KEY (\"team_id\", \"user_id\")\n"
                                              ") WITHOUT ROWID;\n");
}

TEST(SqliteSchemaSql, WritesUniquesChecksAndForeignKeysWithTheirActions) {
  core::SchemaTable table;
  table.name = "users";
  core::SchemaColumn total = column("total", "INTEGER");
  total.generated = "score * 2";
  total.generated_stored = true;
  core::SchemaColumn half = column("half", "REAL");
  half.generated = "score / 2";
  table.columns = {column("email", "TEXT"), column("score", "INTEGER"),
                   column("team_id", "INTEGER"), total, half};
  table.uniques = {{"", {"email", "team_id"}, ""}, {"one_score", {"score"}, ""}};
  table.checks = {{"", {}, "score < 100"}, {"positive", {}, "score >= 0"}};
  core::SchemaForeignKey team;
  team.columns = {"team_id"};
  team.ref_table = "teams";
  team.ref_columns = {"id"};
  team.on_delete = "SET NULL";
  team.on_update = "CASCADE";
  core::SchemaForeignKey later;
  later.name = "later";
  later.columns = {"team_id"};
  later.ref_table = "teams";
  later.deferrable = true;
  later.initially_deferred = true;
  table.foreign_keys = {team, later};
  table.options = "STRICT";

  EXPECT_EQ(
      schema_sql(schema_of(table)),
      k_header +
          "\n"
          "CREATE TABLE \"users\" (\n"
          "  \"email\" TEXT,\n"
          "  \"score\" INTEGER,\n"
          "  \"team_id\" INTEGER,\n"
          "  \"total\" INTEGER GENERATED ALWAYS AS (score * 2) STORED,\n"
          "  \"half\" REAL GENERATED ALWAYS AS (score / 2) VIRTUAL,\n"
          "  UNIQUE (\"email\", \"team_id\"),\n"
          "  CONSTRAINT \"one_score\" UNIQUE (\"score\"),\n"
          "  CHECK (score < 100),\n"
          "  CONSTRAINT \"positive\" CHECK (score >= 0),\n"
          "  FOREIGN KEY (\"team_id\") REFERENCES \"teams\" (\"id\") ON UPDATE CASCADE ON DELETE "
          "SET NULL,\n"
          "  CONSTRAINT \"later\" FOREIGN KEY (\"team_id\") REFERENCES \"teams\" DEFERRABLE "
          "INITIALLY DEFERRED\n"
          ") STRICT;\n");
}

TEST(SqliteSchemaSql, WritesIndexesAfterTheirTableWithTheirWhere) {
  core::SchemaTable table;
  table.name = "users";
  table.columns = {column("email", "TEXT"), column("deleted_at", "TEXT")};
  core::SchemaIndex live;
  live.name = "users_live_email";
  live.unique = true;
  live.keys = {"lower(email) DESC", "deleted_at"};
  live.where = "deleted_at IS NULL";
  core::SchemaIndex plain;
  plain.name = "users_email";
  plain.keys = {"email"};
  table.indexes = {plain, live};

  EXPECT_EQ(schema_sql(schema_of(table)),
            k_header +
                "\n"
                "CREATE TABLE \"users\" (\n"
                "  \"email\" TEXT,\n"
                "  \"deleted_at\" TEXT\n"
                ");\n"
                "CREATE INDEX \"users_email\" ON \"users\" (email);\n"
                "CREATE UNIQUE INDEX \"users_live_email\" ON \"users\" (lower(email) DESC, "
                "deleted_at) WHERE deleted_at IS NULL;\n");
}

TEST(SqliteSchemaSql, QuotesNamesThatNeedIt) {
  core::SchemaTable table;
  table.name = "we\"ird";
  table.columns = {column("a\"b", "TEXT")};

  EXPECT_THAT(schema_sql(schema_of(table)),
              HasSubstr("CREATE TABLE \"we\"\"ird\" (\n  \"a\"\"b\" TEXT\n);\n"));
}

TEST(SqliteSchemaSql, WritesViewsBeforeTriggersAfterTheTables) {
  core::SchemaTable table;
  table.name = "t";
  table.columns = {column("a", "INTEGER")};
  core::Schema schema = schema_of(table);
  // Canonical order puts triggers first ("trigger" < "view"); the dump must not.
  schema.objects = {{"trigger", "a_trigger",
                     "CREATE TRIGGER a_trigger INSTEAD OF INSERT ON z_view BEGIN INSERT INTO t "
                     "VALUES (NEW.a); END"},
                    {"view", "z_view", "CREATE VIEW z_view AS SELECT a FROM t"}};

  const std::string sql = schema_sql(schema);

  EXPECT_THAT(sql, HasSubstr("\nCREATE VIEW z_view AS SELECT a FROM t;\n"));
  EXPECT_THAT(sql, HasSubstr("\nCREATE TRIGGER a_trigger INSTEAD OF INSERT ON z_view BEGIN INSERT "
                             "INTO t VALUES (NEW.a); END;\n"));
  EXPECT_LT(position(sql, "CREATE TABLE"), position(sql, "CREATE VIEW"));
  EXPECT_LT(position(sql, "CREATE VIEW"), position(sql, "CREATE TRIGGER"));
  EXPECT_EQ(core::split_sql(sql, core::SqlOrigin{"schema.sql", 1}, core::Dialect::sqlite).size(),
            3U);
}

TEST(SqliteSchemaSql, KeepsAnUnmodeledLineWithANewlineOnOneCommentLine) {
  core::Schema schema;
  schema.unmodeled = {
      "SQLite virtual table docs: CREATE VIRTUAL TABLE docs USING fts5(\n  body,\n  "
      "tokenize='porter'\n)"};

  const std::string sql = schema_sql(schema);

  EXPECT_EQ(sql, k_header +
                     "-- not modelled: SQLite virtual table docs: CREATE VIRTUAL TABLE docs USING "
                     "fts5(   body,   tokenize='porter' )\n");
  EXPECT_THAT(core::split_sql(sql, core::SqlOrigin{"schema.sql", 1}, core::Dialect::sqlite),
              IsEmpty());
}

TEST(SqliteSchemaSql, WritesAnEmptySchemaAsItsHeaderOnly) {
  EXPECT_EQ(schema_sql(core::Schema{}), k_header);
  EXPECT_THAT(schema_sql(core::Schema{}), Not(HasSubstr("CREATE")));
}

}  // namespace
}  // namespace forge::dialect::sqlite
