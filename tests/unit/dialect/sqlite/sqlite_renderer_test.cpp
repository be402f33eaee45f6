// SQLite's SQL for the declarative operations its ALTER TABLE can do, pinned; and what check()
// refuses. The table rebuilds are in sqlite_rebuild_test.cpp.
#include "dialect/sqlite/sqlite_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/render_helpers.hpp"

namespace forge::dialect::sqlite {
namespace {

using testing::at;
using testing::check_error;
using ::testing::ElementsAre;
using testing::notes_of;
using testing::render;

class SqliteRendererTest : public ::testing::Test {
 protected:
  std::vector<std::string> sql(const std::string& yaml) const { return render(m_renderer, yaml); }
  std::string error(const std::string& yaml) const { return check_error(m_renderer, yaml); }
  SqliteRenderer m_renderer;  // no schema reader: nothing here rebuilds a table
};

// sequelize's spellings, without CHECKs: ENUM is TEXT, BOOLEAN TINYINT(1).
TEST_F(SqliteRendererTest, CreatesATableAsSequelizeDoes) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: orders
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        user_id:
          type: INTEGER
          allowNull: false
          references: { table: users, column: id }
          onDelete: CASCADE
          onUpdate: restrict
        status: { type: ENUM, values: [pending, "it's"], allowNull: false, defaultValue: pending }
        paid: { type: BOOLEAN, allowNull: false, defaultValue: false }
        code: { type: CHAR(8), unique: true, comment: dropped on SQLite }
      timestamps: true
)"),
              ElementsAre(R"(CREATE TABLE "orders" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE RESTRICT,
  "status" TEXT NOT NULL DEFAULT 'pending',
  "paid" TINYINT(1) NOT NULL DEFAULT 0,
  "code" CHAR(8) UNIQUE,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
))"));
}

TEST_F(SqliteRendererTest, WritesFunctionsAndLiteralsInDefaultsAndRows) {
  EXPECT_THAT(
      sql(R"yaml(up:
  - createTable:
      table: t
      columns:
        a: { type: DATE, defaultValue: { fn: NOW } }
        b: { type: DATEONLY, defaultValue: { fn: NOW } }
        c: { type: TEXT, defaultValue: { literal: "(lower(hex(randomblob(16))))" } }
  - bulkInsert: { table: t, rows: [{ a: { fn: NOW }, b: { fn: CURRENT_TIMESTAMP } }] }
)yaml"),
      ElementsAre(R"(CREATE TABLE "t" (
  "a" DATETIME DEFAULT CURRENT_TIMESTAMP,
  "b" DATE DEFAULT CURRENT_DATE,
  "c" TEXT DEFAULT (lower(hex(randomblob(16))))
))",
                  R"(INSERT INTO "t" ("a", "b") VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP))"));
}

TEST_F(SqliteRendererTest, AddsAColumnWithAFunctionDefaultByRebuildingTheTable) {
  // ALTER TABLE ADD COLUMN takes only constant defaults.
  const auto operations = testing::up(
      "up:\n  - addColumn: { table: t, column: a, type: DATE, defaultValue: { fn: NOW } }\n"
      "  - addColumn: { table: t, column: b, type: DATE, defaultValue: '2020-01-01' }\n");
  EXPECT_TRUE(m_renderer.needs_schema(operations.at(0)));
  EXPECT_FALSE(m_renderer.needs_schema(operations.at(1)));
}

TEST_F(SqliteRendererTest, MapsEveryPortableType) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        a: STRING(20)
        b: TEXT
        c: BIGINT
        d: SMALLINT
        e: FLOAT
        f: DOUBLE
        g: DECIMAL(10,2)
        h: DATE
        i: DATEONLY
        j: TIME
        k: UUID
        l: JSON
        m: JSONB
        n: BLOB
)"),
              ElementsAre(R"(CREATE TABLE "t" (
  "a" VARCHAR(20),
  "b" TEXT,
  "c" BIGINT,
  "d" SMALLINT,
  "e" FLOAT,
  "f" DOUBLE PRECISION,
  "g" DECIMAL(10,2),
  "h" DATETIME,
  "i" DATE,
  "j" TIME,
  "k" UUID,
  "l" JSON,
  "m" JSONB,
  "n" BLOB
))"));
}

TEST_F(SqliteRendererTest, DeclaresAnIntegerKeyExactlyIntegerSoItIsTheRowid) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        id: { type: BIGINT, primaryKey: true }
  - createTable:
      table: u
      columns:
        code: { type: STRING(8), primaryKey: true }
)"),
              ElementsAre("CREATE TABLE \"t\" (\n  \"id\" INTEGER PRIMARY KEY\n)",
                          "CREATE TABLE \"u\" (\n  \"code\" VARCHAR(8) NOT NULL PRIMARY KEY\n)"));
}

TEST_F(SqliteRendererTest, WritesDefaults) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: DATEONLY, defaultValue: NOW }
        b: { type: TIME, defaultValue: NOW }
        c: { type: INTEGER, defaultValue: -1 }
        d: { type: STRING, defaultValue: 'a\b' }
        e: { type: BOOLEAN, defaultValue: true }
)"),
              ElementsAre(R"(CREATE TABLE "t" (
  "a" DATE DEFAULT CURRENT_DATE,
  "b" TIME DEFAULT CURRENT_TIME,
  "c" INTEGER DEFAULT -1,
  "d" VARCHAR(255) DEFAULT 'a\b',
  "e" TINYINT(1) DEFAULT 1
))"));
}

TEST_F(SqliteRendererTest, NotesWhatSqliteIgnores) {
  EXPECT_THAT(notes_of(m_renderer, R"(up:
  - addColumn:
      table: orders
      column: note
      type: JSONB
      comment: free text
      after: status
)"),
              ElementsAre("6:7: comment is ignored on sqlite: SQLite has no column comments",
                          "5:13: JSONB is stored as text on sqlite",
                          "7:7: after is ignored on sqlite: SQLite adds columns at the end"));
}

TEST_F(SqliteRendererTest, AddsAPlainColumnWithAlterTable) {
  EXPECT_THAT(
      sql(R"(up:
  - addColumn: { table: orders, column: discount_code, type: STRING(50), after: status }
  - addColumn: { table: orders, column: qty, type: INTEGER, allowNull: false, defaultValue: 1 }
  - addColumn:
      table: orders
      column: coupon_id
      type: INTEGER
      references: { table: coupons, column: id }
)"),
      ElementsAre(
          R"(ALTER TABLE "orders" ADD COLUMN "discount_code" VARCHAR(50))",
          R"(ALTER TABLE "orders" ADD COLUMN "qty" INTEGER NOT NULL DEFAULT 1)",
          R"(ALTER TABLE "orders" ADD COLUMN "coupon_id" INTEGER REFERENCES "coupons" ("id"))"));
}

TEST_F(SqliteRendererTest, SaysWhichOperationsNeedTheLiveSchema) {
  const auto operations = testing::up(R"(up:
  - addColumn: { table: t, column: a, type: TEXT }
  - addColumn: { table: t, column: b, type: DATE, allowNull: false, defaultValue: NOW }
  - addColumn: { table: t, column: c, type: TEXT, unique: true }
  - changeColumn: { table: t, column: a, type: TEXT }
  - removeColumn: { table: t, column: a }
  - addConstraint: { table: t, type: unique, name: u, fields: [a] }
  - removeConstraint: { table: t, name: u }
  - renameColumn: { table: t, from: a, to: z }
)");
  std::vector<bool> needs;
  for (const auto& operation : operations) needs.push_back(m_renderer.needs_schema(operation));
  EXPECT_THAT(needs, ElementsAre(false, true, true, true, true, true, true, false));
  EXPECT_THROW(m_renderer.render(operations[3]), std::logic_error);
}

TEST_F(SqliteRendererTest, RenamesDropsAndIndexes) {
  EXPECT_THAT(
      sql(R"(up:
  - renameTable: { from: orders, to: purchases }
  - renameColumn: { table: purchases, from: state, to: status }
  - addIndex:
      table: purchases
      fields: [discount_code, { name: id, order: DESC }]
      name: purchases_discount_code_idx
      unique: true
      where: { discount_code: { ne: null }, status: { notIn: [cancelled] } }
  - removeIndex: { table: purchases, name: purchases_discount_code_idx }
  - dropTable: { table: purchases }
)"),
      ElementsAre(
          R"(ALTER TABLE "orders" RENAME TO "purchases")",
          R"(ALTER TABLE "purchases" RENAME COLUMN "state" TO "status")",
          R"(CREATE UNIQUE INDEX "purchases_discount_code_idx" ON "purchases" ("discount_code", "id" DESC) WHERE "discount_code" IS NOT NULL AND "status" NOT IN ('cancelled'))",
          R"(DROP INDEX "purchases_discount_code_idx")", R"(DROP TABLE "purchases")"));
}

TEST_F(SqliteRendererTest, InsertsAndDeletesWithLiteralsSqliteReads) {
  EXPECT_THAT(
      sql(R"(up:
  - bulkInsert:
      table: t
      rows:
        - { a: "it's", b: true, c: 'back\slash' }
        - { a: null, b: false, c: 2.5 }
  - bulkDelete: { table: t, where: { a: "it's", b: true, c: { in: [1, x] } } }
)"),
      ElementsAre(
          R"(INSERT INTO "t" ("a", "b", "c") VALUES ('it''s', 1, 'back\slash'), (NULL, 0, 2.5))",
          R"(DELETE FROM "t" WHERE "a" = 'it''s' AND "b" = 1 AND "c" IN (1, 'x'))"));
}

// One INSERT per thousand rows, closed early past 1 MiB: a large unit's rows render a thousand
// at a time as they stream, to the statements the whole read gives.
TEST_F(SqliteRendererTest, InsertsAThousandRowsAtATimeAndCloseAnInsertPastOneMebibyte) {
  std::string yaml = "up:\n  - bulkInsert:\n      table: t\n      rows:\n";
  for (int i = 1; i <= 2500; ++i) yaml += "        - { a: " + std::to_string(i) + " }\n";
  const std::vector<std::string> inserts = sql(yaml);
  ASSERT_EQ(inserts.size(), 3u);
  EXPECT_THAT(inserts[0], ::testing::StartsWith(R"(INSERT INTO "t" ("a") VALUES (1), (2), )"));
  EXPECT_THAT(inserts[0], ::testing::EndsWith("(999), (1000)"));
  EXPECT_THAT(inserts[2], ::testing::StartsWith(R"(INSERT INTO "t" ("a") VALUES (2001), )"));

  const std::string big(600 * 1024, 'x');
  std::string large = "up:\n  - bulkInsert:\n      table: t\n      rows:\n";
  for (int i = 1; i <= 3; ++i) large += "        - { a: " + big + " }\n";
  const std::vector<std::string> split = sql(large);
  ASSERT_EQ(split.size(), 2u);  // the third row would start past 1 MiB
  EXPECT_EQ(split[1], R"(INSERT INTO "t" ("a") VALUES (')" + big + "')");
}

TEST_F(SqliteRendererTest, QuotesAHostileTableName) {
  EXPECT_THAT(sql("up:\n  - dropTable: { table: 'x\"; DROP TABLE users; --' }\n"),
              ElementsAre(R"(DROP TABLE "x""; DROP TABLE users; --")"));
}

TEST_F(SqliteRendererTest, RunsRawSqlForItsDialect) {
  EXPECT_THAT(sql("up:\n  - sql: { sqlite3: \"PRAGMA user_version = 3\" }\n"),
              ElementsAre("PRAGMA user_version = 3"));
  EXPECT_EQ(error("up:\n  - sql: { postgres: SELECT 1 }\n"),
            at(2, 5) + "sql gives no SQL for sqlite");
}

TEST_F(SqliteRendererTest, RefusesRawSqlWithAnUnterminatedQuote) {
  EXPECT_THAT(error("up:\n  - sql: \"SELECT 'x\"\n"), ::testing::HasSubstr("unterminated"));
}

TEST_F(SqliteRendererTest, RefusesIndexOptionsSqliteLacks) {
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [a], concurrently: true }\n"),
            at(2, 49) + "concurrently is PostgreSQL-only");
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [a], using: HASH }\n"),
            at(2, 49) + "SQLite indexes are B-trees; it has no HASH index");
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [{ name: a, length: 4 }] }\n"),
            at(2, 45) + "SQLite indexes take no prefix length");
  EXPECT_THAT(
      notes_of(m_renderer, "up:\n  - addIndex: { table: t, name: i, fields: [a], using: BTREE }\n"),
      ElementsAre("2:49: using is ignored on sqlite: every SQLite index is a B-tree"));
}

TEST_F(SqliteRendererTest, RefusesAutoIncrementOnAColumnThatIsNotTheKey) {
  EXPECT_EQ(
      error("up:\n  - addColumn: { table: t, column: n, type: INTEGER, autoIncrement: true }\n"),
      at(2, 54) +
          "SQLite gives autoIncrement only to the INTEGER PRIMARY KEY; column 'n' is "
          "not one");
}

TEST_F(SqliteRendererTest, RefusesKeysInChangeColumn) {
  EXPECT_EQ(error(R"(up:
  - changeColumn:
      table: t
      column: c
      type: INTEGER
      references: { table: p, column: id }
)"),
            at(6, 7) + "changeColumn keeps the column's keys, so it takes no references");
}

TEST_F(SqliteRendererTest, RefusesANulCharacterInAValue) {
  EXPECT_EQ(error("up:\n  - bulkDelete: { table: t, where: { a: \"x\\0\" } }\n"),
            at(2, 41) + "a text value holds a NUL character, which sqlite cannot store");
}

// A type given per database is written as that database's entry says.
TEST_F(SqliteRendererTest, WritesANativeTypeAsThisDatabasesEntrySpellsIt) {
  EXPECT_THAT(sql(testing::k_native_types_unit),
              ElementsAre("CREATE TABLE \"t\" (\n  \"a\" TEXT,\n  \"b\" TEXT COLLATE NOCASE\n)"));
}

}  // namespace
}  // namespace forge::dialect::sqlite
