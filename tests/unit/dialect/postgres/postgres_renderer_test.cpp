// PostgreSQL's SQL for every declarative operation, pinned; and what check() refuses.
#include "dialect/postgres/postgres_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/render_helpers.hpp"

namespace forge::dialect::postgres {
namespace {

using testing::at;
using testing::check_error;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::notes_of;
using testing::render;
using ::testing::StartsWith;

class PostgresRendererTest : public ::testing::Test {
 protected:
  std::vector<std::string> sql(const std::string& yaml) const { return render(m_renderer, yaml); }
  std::string error(const std::string& yaml) const { return check_error(m_renderer, yaml); }
  PostgresRenderer m_renderer;
};

// More columns than one table may have is refused at the createTable, before anything runs.
TEST_F(PostgresRendererTest, RefusesMoreColumnsThanATableMayHave) {
  std::string text = "up:\n  - createTable:\n      table: wide\n      columns:\n";
  for (int i = 0; i <= 1600; ++i) text += "        c" + std::to_string(i) + ": { type: INTEGER }\n";
  EXPECT_EQ(
      error(text),
      at(2, 5) + "createTable wide has 1601 columns; postgres allows at most 1600 in one table");
}

TEST_F(PostgresRendererTest, CreatesATableWithItsEnumTypeFirstAndCommentsAfter) {
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
        status: { type: ENUM, values: [pending, paid], allowNull: false, defaultValue: pending }
        total: { type: 'DECIMAL(10, 2)', allowNull: false, defaultValue: 0 }
        code: { type: CHAR(8), unique: true, comment: "printed on the receipt" }
      timestamps: true
      constraints:
        - { type: check, name: orders_total_check, where: { total: { gte: 0 } } }
)"),
              ElementsAre(R"(CREATE TYPE "enum_orders_status" AS ENUM ('pending', 'paid'))",
                          R"(CREATE TABLE "orders" (
  "id" SERIAL PRIMARY KEY,
  "user_id" INTEGER NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
  "status" "enum_orders_status" NOT NULL DEFAULT 'pending',
  "total" NUMERIC(10,2) NOT NULL DEFAULT 0,
  "code" CHAR(8) UNIQUE,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "orders_total_check" CHECK ("total" >= 0)
))",
                          R"(COMMENT ON COLUMN "orders"."code" IS 'printed on the receipt')"));
}

TEST_F(PostgresRendererTest, MapsEveryPortableType) {
  const auto statements = sql(R"(up:
  - createTable:
      table: t
      columns:
        a: STRING
        b: STRING(50)
        c: TEXT
        d: BIGINT
        e: SMALLINT
        f: FLOAT
        g: DOUBLE
        h: BOOLEAN
        i: DATE
        j: DATEONLY
        k: TIME
        l: UUID
        m: JSON
        n: JSONB
        o: BLOB
)");
  EXPECT_THAT(statements, ElementsAre(R"(CREATE TABLE "t" (
  "a" VARCHAR(255),
  "b" VARCHAR(50),
  "c" TEXT,
  "d" BIGINT,
  "e" SMALLINT,
  "f" FLOAT,
  "g" DOUBLE PRECISION,
  "h" BOOLEAN,
  "i" TIMESTAMPTZ,
  "j" DATE,
  "k" TIME,
  "l" UUID,
  "m" JSON,
  "n" JSONB,
  "o" BYTEA
))"));
}

TEST_F(PostgresRendererTest, WritesDefaultsAsLiteralsNullAndTheCurrentTime) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: BOOLEAN, defaultValue: true }
        b: { type: STRING, defaultValue: "it's" }
        c: { type: TEXT, defaultValue: null }
        d: { type: DATEONLY, defaultValue: NOW }
        e: { type: TIME, defaultValue: now }
        f: { type: DOUBLE, defaultValue: +1.5e3 }
)"),
              ElementsAre(R"(CREATE TABLE "t" (
  "a" BOOLEAN DEFAULT TRUE,
  "b" VARCHAR(255) DEFAULT 'it''s',
  "c" TEXT DEFAULT NULL,
  "d" DATE DEFAULT CURRENT_DATE,
  "e" TIME DEFAULT LOCALTIME,
  "f" DOUBLE PRECISION DEFAULT 1.5e3
))"));
}

TEST_F(PostgresRendererTest, WritesTableLevelKeys) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: order_items
      columns:
        order_id: INTEGER
        product_id: INTEGER
        quantity: INTEGER
      constraints:
        - { type: primary key, fields: [order_id, product_id] }
        - type: foreign key
          name: order_items_order_fk
          fields: [order_id]
          references: { table: orders, column: id }
          onDelete: cascade
          onUpdate: no action
        - { type: unique, fields: [product_id, quantity] }
)"),
              ElementsAre(R"(CREATE TABLE "order_items" (
  "order_id" INTEGER NOT NULL,
  "product_id" INTEGER NOT NULL,
  "quantity" INTEGER,
  PRIMARY KEY ("order_id", "product_id"),
  CONSTRAINT "order_items_order_fk" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
  UNIQUE ("product_id", "quantity")
))"));
}

TEST_F(PostgresRendererTest, DropsATableThenTheEnumTypesOfItsColumns) {
  EXPECT_THAT(sql("up:\n  - dropTable: { table: orders }\n"), ElementsAre(R"(DO $forge$
DECLARE
  enum_types regtype[] := ARRAY(
    SELECT t.oid::regtype
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = '"orders"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
      AND t.typtype = 'e' AND t.typname = ('enum_orders_' || a.attname)::name);
  enum_type regtype;
BEGIN
  DROP TABLE "orders";
  FOREACH enum_type IN ARRAY enum_types LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE atttypid = enum_type) THEN
      EXECUTE 'DROP TYPE ' || enum_type;
    END IF;
  END LOOP;
END
$forge$)"));
}

TEST_F(PostgresRendererTest, RenamesATableAndItsEnumTypes) {
  const auto statements = sql("up:\n  - renameTable: { from: orders, to: purchases }\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], R"(ALTER TABLE "orders" RENAME TO "purchases")");
  EXPECT_THAT(statements[1], HasSubstr(R"(WHERE a.attrelid = '"purchases"'::regclass)"));
  EXPECT_THAT(statements[1], HasSubstr(R"(t.typname = ('enum_orders_' || a.attname)::name)"));
  EXPECT_THAT(statements[1],
              HasSubstr(R"(enum_column.enum_type, 'enum_purchases_' || enum_column.attname)"));
}

TEST_F(PostgresRendererTest, AddsAColumnAtTheEndNotingThatAfterIsIgnored) {
  const std::string unit = R"(up:
  - addColumn:
      table: orders
      column: discount_code
      type: STRING(50)
      allowNull: true
      after: status
)";
  EXPECT_THAT(sql(unit),
              ElementsAre(R"(ALTER TABLE "orders" ADD COLUMN "discount_code" VARCHAR(50))"));
  EXPECT_THAT(notes_of(m_renderer, unit),
              ElementsAre("7:7: after is ignored on postgres: PostgreSQL adds columns at the end"));
}

TEST_F(PostgresRendererTest, AddsAnEnumColumnAfterItsType) {
  EXPECT_THAT(
      sql(R"(up:
  - addColumn:
      table: orders
      column: channel
      type: ENUM
      values: [web, shop]
      comment: where the order came from
)"),
      ElementsAre(R"(CREATE TYPE "enum_orders_channel" AS ENUM ('web', 'shop'))",
                  R"(ALTER TABLE "orders" ADD COLUMN "channel" "enum_orders_channel")",
                  R"(COMMENT ON COLUMN "orders"."channel" IS 'where the order came from')"));
}

TEST_F(PostgresRendererTest, RemovesAColumnThenItsUnusedEnumType) {
  const auto statements = sql("up:\n  - removeColumn: { table: orders, column: status }\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], R"(ALTER TABLE "orders" DROP COLUMN "status")");
  EXPECT_EQ(statements[1], R"(DO $forge$
DECLARE
  old_type regtype := to_regtype('"enum_orders_status"');
BEGIN
  IF old_type IS NOT NULL
     AND EXISTS (SELECT 1 FROM pg_type WHERE oid = old_type AND typtype = 'e')
     AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE atttypid = old_type) THEN
    EXECUTE 'DROP TYPE ' || old_type;
  END IF;
END
$forge$)");
}

TEST_F(PostgresRendererTest, RenamesAColumnAndItsEnumType) {
  const auto statements =
      sql("up:\n  - renameColumn: { table: orders, from: state, to: status }\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], R"(ALTER TABLE "orders" RENAME COLUMN "state" TO "status")");
  EXPECT_THAT(statements[1], HasSubstr(R"(a.attname = 'status')"));
  EXPECT_THAT(statements[1], HasSubstr(R"(t.typname = 'enum_orders_state'::name)"));
  EXPECT_THAT(statements[1],
              HasSubstr(R"(RENAME TO %I', enum_column.enum_type, 'enum_orders_status')"));
}

TEST_F(PostgresRendererTest, ChangesAColumnByRestatingTypeNullabilityAndDefault) {
  const auto statements = sql(R"(up:
  - changeColumn:
      table: users
      column: name
      type: STRING(200)
      allowNull: false
      defaultValue: anonymous
)");
  ASSERT_EQ(statements.size(), 6u);
  EXPECT_EQ(statements[0], R"(ALTER TABLE "users" ALTER COLUMN "name" DROP IDENTITY IF EXISTS)");
  EXPECT_EQ(statements[1], R"(ALTER TABLE "users" ALTER COLUMN "name" DROP DEFAULT)");
  EXPECT_EQ(
      statements[2],
      R"(ALTER TABLE "users" ALTER COLUMN "name" TYPE VARCHAR(200) USING "name"::VARCHAR(200))");
  EXPECT_THAT(statements[3], HasSubstr(R"(to_regtype('"enum_users_name"'))"));
  EXPECT_EQ(statements[4], R"(ALTER TABLE "users" ALTER COLUMN "name" SET NOT NULL)");
  EXPECT_EQ(statements[5], R"(ALTER TABLE "users" ALTER COLUMN "name" SET DEFAULT 'anonymous')");
}

TEST_F(PostgresRendererTest, ChangesAColumnToAnEnumThroughAFreshType) {
  const auto statements = sql(R"(up:
  - changeColumn: { table: orders, column: status, type: "ENUM('a', 'b') " }
)");
  ASSERT_EQ(statements.size(), 7u);
  EXPECT_EQ(statements[2], R"(CREATE TYPE "enum_orders_status__forge_new" AS ENUM ('a', 'b'))");
  EXPECT_EQ(
      statements[3],
      R"(ALTER TABLE "orders" ALTER COLUMN "status" TYPE "enum_orders_status__forge_new" USING "status"::text::"enum_orders_status__forge_new")");
  EXPECT_THAT(statements[4], HasSubstr(R"(to_regtype('"enum_orders_status"'))"));
  EXPECT_EQ(statements[5],
            R"(ALTER TYPE "enum_orders_status__forge_new" RENAME TO "enum_orders_status")");
  EXPECT_EQ(statements[6], R"(ALTER TABLE "orders" ALTER COLUMN "status" DROP NOT NULL)");
}

TEST_F(PostgresRendererTest, ChangingAnAutoIncrementColumnKeepsOrAddsItsSequence) {
  const auto statements = sql(R"(up:
  - changeColumn: { table: users, column: id, type: BIGINT, autoIncrement: true }
)");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_EQ(statements[0],
            R"(ALTER TABLE "users" ALTER COLUMN "id" TYPE BIGINT USING "id"::BIGINT)");
  EXPECT_EQ(statements[2], R"(DO $forge$
BEGIN
  IF pg_get_serial_sequence('"users"', 'id') IS NULL THEN
    CREATE SEQUENCE "users_id_seq" OWNED BY "users"."id";
    ALTER TABLE "users" ALTER COLUMN "id" SET DEFAULT nextval('"users_id_seq"'::regclass);
    ALTER TABLE "users" ALTER COLUMN "id" SET NOT NULL;
    PERFORM setval('"users_id_seq"', coalesce(max("id"), 0) + 1, false) FROM "users";
  END IF;
END
$forge$)");
}

// sequelize 6 makes autoIncrement columns serial (not identity) columns; so does forge.
TEST_F(PostgresRendererTest, MakesAutoIncrementColumnsSerialAsSequelizeDoes) {
  EXPECT_THAT(sql(R"(up:
  - createTable: { table: a, columns: { id: { type: INTEGER, primaryKey: true, autoIncrement: true } } }
  - createTable: { table: b, columns: { id: { type: BIGINT, primaryKey: true, autoIncrement: true } } }
  - addColumn: { table: c, column: n, type: SMALLINT, autoIncrement: true, unique: true }
)"),
              ElementsAre("CREATE TABLE \"a\" (\n  \"id\" SERIAL PRIMARY KEY\n)",
                          "CREATE TABLE \"b\" (\n  \"id\" BIGSERIAL PRIMARY KEY\n)",
                          R"(ALTER TABLE "c" ADD COLUMN "n" SMALLSERIAL UNIQUE)"));
}

TEST_F(PostgresRendererTest, WritesFunctionsAndLiteralsInDefaultsAndRows) {
  EXPECT_THAT(sql(R"yaml(up:
  - addColumn: { table: t, column: a, type: DATE, defaultValue: { fn: NOW } }
  - addColumn: { table: t, column: b, type: DATEONLY, defaultValue: { fn: CURRENT_TIMESTAMP } }
  - addColumn: { table: t, column: c, type: UUID, defaultValue: { literal: gen_random_uuid() } }
  - bulkInsert: { table: t, rows: [{ a: { fn: NOW }, c: { literal: "gen_random_uuid()" } }] }
)yaml"),
              ElementsAre(R"(ALTER TABLE "t" ADD COLUMN "a" TIMESTAMPTZ DEFAULT NOW())",
                          R"(ALTER TABLE "t" ADD COLUMN "b" DATE DEFAULT CURRENT_TIMESTAMP)",
                          R"(ALTER TABLE "t" ADD COLUMN "c" UUID DEFAULT gen_random_uuid())",
                          R"(INSERT INTO "t" ("a", "c") VALUES (NOW(), gen_random_uuid()))"));
}

TEST_F(PostgresRendererTest, CreatesAPartialIndexWithAMethod) {
  EXPECT_THAT(
      sql(R"(up:
  - addIndex:
      table: orders
      fields: [discount_code, { name: created_at, order: DESC }]
      name: orders_discount_code_idx
      unique: true
      using: BTREE
      where: { discount_code: { ne: null } }
)"),
      ElementsAre(
          R"(CREATE UNIQUE INDEX "orders_discount_code_idx" ON "orders" USING BTREE ("discount_code", "created_at" DESC) WHERE "discount_code" IS NOT NULL)"));
}

TEST_F(PostgresRendererTest, CreatesAnIndexConcurrentlyOutsideATransaction) {
  const auto operations = testing::up(R"(up:
  - addIndex: { table: docs, fields: [body], name: docs_body_idx, using: GIN, concurrently: true }
  - addIndex: { table: docs, fields: [title], name: docs_title_idx }
)");
  EXPECT_THAT(
      m_renderer.render(operations[0]),
      ElementsAre(R"(CREATE INDEX CONCURRENTLY "docs_body_idx" ON "docs" USING GIN ("body"))"));
  EXPECT_TRUE(m_renderer.needs_no_transaction(operations[0]));
  EXPECT_FALSE(m_renderer.needs_no_transaction(operations[1]));
}

TEST_F(PostgresRendererTest, RemovesAnIndexByName) {
  EXPECT_THAT(sql("up:\n  - removeIndex: { table: orders, name: orders_code_idx }\n"),
              ElementsAre(R"(DROP INDEX "orders_code_idx")"));
}

TEST_F(PostgresRendererTest, AddsAndRemovesConstraints) {
  EXPECT_THAT(
      sql(R"(up:
  - addConstraint:
      table: order_items
      type: check
      name: order_items_quantity_check
      where: { quantity: { gt: 0 }, status: [a, b] }
  - addConstraint:
      table: orders
      type: foreign key
      name: orders_user_fk
      fields: [user_id]
      references: { table: users, column: id }
      onDelete: set null
  - addConstraint: { table: users, type: unique, name: users_email_key, fields: [email] }
  - addConstraint: { table: tags, type: primary key, name: tags_pkey, fields: [id] }
  - removeConstraint: { table: users, name: users_email_key }
)"),
      ElementsAre(
          R"(ALTER TABLE "order_items" ADD CONSTRAINT "order_items_quantity_check" CHECK ("quantity" > 0 AND "status" IN ('a', 'b')))",
          R"(ALTER TABLE "orders" ADD CONSTRAINT "orders_user_fk" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL)",
          R"(ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE ("email"))",
          R"(ALTER TABLE "tags" ADD CONSTRAINT "tags_pkey" PRIMARY KEY ("id"))",
          R"(ALTER TABLE "users" DROP CONSTRAINT "users_email_key")"));
}

TEST_F(PostgresRendererTest, InsertsAllRowsInOneStatementWithEscapedLiterals) {
  EXPECT_THAT(
      sql(R"(up:
  - bulkInsert:
      table: products
      rows:
        - { sku: "it's", price: 9.99, active: true, note: null, stock: -3 }
        - { sku: 'back\slash', price: 10, active: false, note: "a'); DROP TABLE products; --", stock: 0 }
)"),
      ElementsAre(
          R"(INSERT INTO "products" ("sku", "price", "active", "note", "stock") VALUES ('it''s', 9.99, TRUE, NULL, -3), (E'back\\slash', 10, FALSE, 'a''); DROP TABLE products; --', 0))"));
}

TEST_F(PostgresRendererTest, DeletesWithSequelizeOperators) {
  EXPECT_THAT(
      sql(R"(up:
  - bulkDelete:
      table: orders
      where:
        a: { eq: null }
        b: { ne: null }
        c: null
        d: { in: [1, 2] }
        e: { notIn: [x] }
        f: { like: "ab%" }
        g: { gt: 1, lte: 9 }
        h: { is: true }
        i: { not: null }
        j: paid
  - bulkDelete: { table: sessions, where: {} }
)"),
      ElementsAre(
          R"(DELETE FROM "orders" WHERE "a" IS NULL AND "b" IS NOT NULL AND "c" IS NULL AND "d" IN (1, 2) AND "e" NOT IN ('x') AND "f" LIKE 'ab%' AND "g" > 1 AND "g" <= 9 AND "h" IS TRUE AND "i" IS NOT NULL AND "j" = 'paid')",
          R"(DELETE FROM "sessions")"));
}

TEST_F(PostgresRendererTest, RunsRawSqlForItsDialectSplitIntoStatements) {
  EXPECT_THAT(sql(R"(up:
  - sql: "SELECT 1; SELECT 2"
  - sql: { postgres: "CREATE EXTENSION citext", mysql: "SELECT 3" }
)"),
              ElementsAre("SELECT 1", "SELECT 2", "CREATE EXTENSION citext"));
}

TEST_F(PostgresRendererTest, RefusesRawSqlWithoutTextForPostgres) {
  EXPECT_EQ(error("up:\n  - sql: { mysql: SELECT 1 }\n"),
            at(2, 5) + "sql gives no SQL for postgres");
}

TEST_F(PostgresRendererTest, QuotesAHostileTableNameAsOneIdentifier) {
  EXPECT_THAT(sql(R"(up:
  - createTable: { table: 'x"; DROP TABLE users; --', columns: { id: INTEGER } }
  - bulkInsert: { table: 'x"; DROP TABLE users; --', rows: [{ id: 1 }] }
)"),
              ElementsAre("CREATE TABLE \"x\"\"; DROP TABLE users; --\" (\n  \"id\" INTEGER\n)",
                          R"(INSERT INTO "x""; DROP TABLE users; --" ("id") VALUES (1))"));
  EXPECT_THAT(sql("up:\n  - dropTable: { table: 'x\"; DROP TABLE users; --' }\n").at(0),
              HasSubstr(R"('"x""; DROP TABLE users; --"'::regclass)"));
}

TEST_F(PostgresRendererTest, PicksADollarQuoteTagTheBodyDoesNotHold) {
  EXPECT_THAT(sql("up:\n  - dropTable: { table: 'a$forge$b' }\n").at(0),
              StartsWith("DO $forge1$\n"));
}

TEST_F(PostgresRendererTest, RefusesAPrefixLength) {
  EXPECT_EQ(error(R"(up:
  - addIndex:
      table: t
      name: t_idx
      fields:
        - { name: body, length: 10 }
)"),
            at(6, 11) + "PostgreSQL indexes take no prefix length");
}

TEST_F(PostgresRendererTest, RefusesIndexOptionsItsMethodCannotHonour) {
  EXPECT_EQ(
      error("up:\n  - addIndex: { table: t, name: i, fields: [a], unique: true, using: HASH }\n"),
      at(2, 63) + "PostgreSQL builds unique indexes only with BTREE, not HASH");
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [{ name: a, order: DESC }], "
                  "using: GIN }\n"),
            at(2, 45) + "PostgreSQL sorts only BTREE indexes; this one uses GIN");
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [a, b], using: HASH }\n"),
            at(2, 36) + "PostgreSQL HASH indexes take one column");
}

TEST_F(PostgresRendererTest, RefusesNamesPostgresWouldCutShort) {
  const std::string long_name(64, 'n');
  EXPECT_EQ(
      error("up:\n  - dropTable: { table: " + long_name + " }\n"),
      at(2, 18) + "the name '" + long_name + "' is 64 bytes; PostgreSQL keeps only the first 63");
}

TEST_F(PostgresRendererTest, RefusesLongEnumLabels) {
  const std::string label(64, 'v');
  EXPECT_EQ(
      error("up:\n  - addColumn: { table: t, column: c, type: ENUM, values: [" + label + "] }\n"),
      at(2, 45) + "ENUM value '" + label + "' is longer than PostgreSQL's 63 bytes");
}

TEST_F(PostgresRendererTest, RefusesANulCharacterInAValue) {
  EXPECT_EQ(error("up:\n  - bulkInsert: { table: t, rows: [{ a: \"x\\0y\" }] }\n"),
            at(2, 41) + "a text value holds a NUL character, which postgres cannot store");
}

TEST_F(PostgresRendererTest, RefusesKeysInChangeColumn) {
  EXPECT_EQ(error("up:\n  - changeColumn: { table: t, column: c, type: INTEGER, unique: true }\n"),
            at(2, 57) + "changeColumn keeps the column's keys, so it takes no unique");
}

// A type given per database is written as that database's entry says.
TEST_F(PostgresRendererTest, WritesANativeTypeAsThisDatabasesEntrySpellsIt) {
  EXPECT_THAT(sql(testing::k_native_types_unit),
              ElementsAre("CREATE TABLE \"t\" (\n  \"a\" INET,\n  \"b\" VARCHAR(40)[]\n)"));
}

}  // namespace
}  // namespace forge::dialect::postgres
