// MySQL's SQL for every declarative operation, pinned; and what check() refuses.
#include "dialect/mysql/mysql_renderer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/render_helpers.hpp"

namespace forge::dialect::mysql {
namespace {

using testing::at;
using testing::check_error;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::notes_of;
using testing::render;

class MysqlRendererTest : public ::testing::Test {
 protected:
  std::vector<std::string> sql(const std::string& yaml) const { return render(m_renderer, yaml); }
  std::string error(const std::string& yaml) const { return check_error(m_renderer, yaml); }
  MysqlRenderer m_renderer;
};

// More columns than one table may have is refused at the createTable, before anything runs.
TEST_F(MysqlRendererTest, RefusesMoreColumnsThanATableMayHave) {
  std::string text = "up:\n  - createTable:\n      table: wide\n      columns:\n";
  for (int i = 0; i <= 1017; ++i) text += "        c" + std::to_string(i) + ": { type: INTEGER }\n";
  EXPECT_EQ(error(text),
            at(2, 5) + "createTable wide has 1018 columns; mysql allows at most 1017 in one table");
}

TEST_F(MysqlRendererTest, CreatesATableWithInlineEnumAndTableLevelForeignKeys) {
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
        code: { type: CHAR(8), unique: true, comment: "it's printed" }
      timestamps: true
      constraints:
        - { type: check, name: orders_code_check, where: { code: { ne: "" } } }
)"),
              ElementsAre(R"(CREATE TABLE `orders` (
  `id` INT AUTO_INCREMENT PRIMARY KEY,
  `user_id` INT NOT NULL,
  `status` ENUM('pending', 'paid') NOT NULL DEFAULT 'pending',
  `code` CHAR(8) UNIQUE COMMENT 'it''s printed',
  `created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `updated_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,
  CONSTRAINT `orders_code_check` CHECK (`code` <> '')
))"));
}

// InnoDB makes the index a foreign key needs, as it does for sequelize's tables: forge adds
// none of its own, so both tools leave the same indexes.
TEST_F(MysqlRendererTest, LeavesTheIndexesOfForeignKeysToInnoDb) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: order_items
      columns:
        order_id: { type: INTEGER, references: { table: orders, column: id } }
        product_id: INTEGER
      constraints:
        - { type: primary key, fields: [order_id, product_id] }
        - type: foreign key
          fields: [product_id]
          references: { table: products, column: id }
)"),
              ElementsAre(R"(CREATE TABLE `order_items` (
  `order_id` INT NOT NULL,
  `product_id` INT NOT NULL,
  FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`),
  PRIMARY KEY (`order_id`, `product_id`),
  FOREIGN KEY (`product_id`) REFERENCES `products` (`id`)
))"));
}

TEST_F(MysqlRendererTest, WritesUnsignedIntegers) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        id: { type: INTEGER UNSIGNED, primaryKey: true, autoIncrement: true }
        n: BIGINT UNSIGNED
)"),
              ElementsAre("CREATE TABLE `t` (\n  `id` INT UNSIGNED AUTO_INCREMENT PRIMARY KEY,\n"
                          "  `n` BIGINT UNSIGNED\n)"));
}

TEST_F(MysqlRendererTest, MapsEveryPortableType) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        a: STRING
        b: TEXT
        c: BIGINT
        d: SMALLINT
        e: FLOAT
        f: DOUBLE
        g: DECIMAL(10,2)
        h: BOOLEAN
        i: DATE
        j: DATEONLY
        k: TIME
        l: UUID
        m: JSON
        n: JSONB
        o: BLOB
)"),
              ElementsAre(R"(CREATE TABLE `t` (
  `a` VARCHAR(255),
  `b` TEXT,
  `c` BIGINT,
  `d` SMALLINT,
  `e` FLOAT,
  `f` DOUBLE,
  `g` DECIMAL(10,2),
  `h` BOOLEAN,
  `i` DATETIME,
  `j` DATE,
  `k` TIME,
  `l` CHAR(36) BINARY,
  `m` JSON,
  `n` JSON,
  `o` BLOB
))"));
}

TEST_F(MysqlRendererTest, WritesDefaultsOfTextAndJsonAsExpressions) {
  EXPECT_THAT(sql(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: TEXT, defaultValue: "none" }
        b: { type: JSON, defaultValue: "{}" }
        c: { type: TEXT, defaultValue: null }
        d: { type: DATEONLY, defaultValue: NOW }
        e: { type: TIME, defaultValue: NOW }
        f: { type: BOOLEAN, defaultValue: false }
)"),
              ElementsAre(R"(CREATE TABLE `t` (
  `a` TEXT DEFAULT ('none'),
  `b` JSON DEFAULT ('{}'),
  `c` TEXT DEFAULT NULL,
  `d` DATE DEFAULT (CURRENT_DATE),
  `e` TIME DEFAULT (CURRENT_TIME),
  `f` BOOLEAN DEFAULT FALSE
))"));
}

TEST_F(MysqlRendererTest, WritesFunctionsAndLiteralsInDefaultsAndRows) {
  EXPECT_THAT(sql(R"(up:
  - addColumn: { table: t, column: a, type: DATE, defaultValue: { fn: NOW } }
  - addColumn: { table: t, column: b, type: DATEONLY, defaultValue: { fn: NOW } }
  - addColumn: { table: t, column: c, type: TEXT, defaultValue: { literal: (UUID()) } }
  - bulkInsert: { table: t, rows: [{ a: { fn: NOW }, b: { fn: CURRENT_TIMESTAMP } }] }
)"),
              ElementsAre("ALTER TABLE `t` ADD COLUMN `a` DATETIME DEFAULT NOW()",
                          "ALTER TABLE `t` ADD COLUMN `b` DATE DEFAULT (CURRENT_DATE)",
                          "ALTER TABLE `t` ADD COLUMN `c` TEXT DEFAULT (UUID())",
                          "INSERT INTO `t` (`a`, `b`) VALUES (NOW(), CURRENT_TIMESTAMP)"));
}

TEST_F(MysqlRendererTest, NotesThatJsonbIsStoredAsJson) {
  EXPECT_THAT(notes_of(m_renderer, "up:\n  - addColumn: { table: t, column: c, type: JSONB }\n"),
              ElementsAre("2:45: JSONB is stored as JSON on mysql"));
}

TEST_F(MysqlRendererTest, DropsAndRenamesTables) {
  EXPECT_THAT(sql(R"(up:
  - dropTable: { table: orders }
  - renameTable: { from: orders, to: purchases }
)"),
              ElementsAre("DROP TABLE `orders`", "ALTER TABLE `orders` RENAME TO `purchases`"));
}

TEST_F(MysqlRendererTest, AddsAColumnAfterAnotherWithItsForeignKey) {
  const std::string unit = R"(up:
  - addColumn:
      table: orders
      column: discount_code
      type: STRING(50)
      allowNull: true
      after: status
  - addColumn:
      table: orders
      column: coupon_id
      type: INTEGER
      references: { table: coupons, column: id }
      first: true
)";
  EXPECT_THAT(
      sql(unit),
      ElementsAre("ALTER TABLE `orders` ADD COLUMN `discount_code` VARCHAR(50) AFTER `status`",
                  "ALTER TABLE `orders` ADD COLUMN `coupon_id` INT FIRST, ADD CONSTRAINT "
                  "`orders_coupon_id_foreign_idx` FOREIGN KEY (`coupon_id`) REFERENCES `coupons` "
                  "(`id`)"));
  EXPECT_THAT(notes_of(m_renderer, unit), IsEmpty());
}

TEST_F(MysqlRendererTest, RemovesRenamesAndModifiesColumns) {
  EXPECT_THAT(
      sql(R"(up:
  - removeColumn: { table: orders, column: note }
  - renameColumn: { table: orders, from: state, to: status }
  - changeColumn:
      table: users
      column: id
      type: BIGINT
      autoIncrement: true
      comment: the key
  - changeColumn: { table: users, column: name, type: STRING(200), allowNull: false, defaultValue: x }
)"),
      ElementsAre("ALTER TABLE `orders` DROP COLUMN `note`",
                  "ALTER TABLE `orders` RENAME COLUMN `state` TO `status`",
                  "ALTER TABLE `users` MODIFY COLUMN `id` BIGINT AUTO_INCREMENT COMMENT 'the key'",
                  "ALTER TABLE `users` MODIFY COLUMN `name` VARCHAR(200) NOT NULL DEFAULT 'x'"));
}

TEST_F(MysqlRendererTest, CreatesAndRemovesIndexes) {
  EXPECT_THAT(sql(R"(up:
  - addIndex:
      table: posts
      name: posts_body_idx
      unique: true
      using: HASH
      fields: [{ name: body, length: 100 }, { name: created_at, order: DESC }]
  - removeIndex: { table: posts, name: posts_body_idx }
)"),
              ElementsAre("CREATE UNIQUE INDEX `posts_body_idx` ON `posts` (`body`(100), "
                          "`created_at` DESC) USING HASH",
                          "DROP INDEX `posts_body_idx` ON `posts`"));
}

TEST_F(MysqlRendererTest, AddsAndRemovesConstraints) {
  EXPECT_THAT(sql(R"(up:
  - addConstraint:
      table: order_items
      type: foreign key
      name: order_items_order_fk
      fields: [order_id]
      references: { table: orders, column: id }
      onDelete: cascade
  - removeConstraint: { table: order_items, name: order_items_order_fk }
)"),
              ElementsAre("ALTER TABLE `order_items` ADD CONSTRAINT `order_items_order_fk` FOREIGN "
                          "KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE",
                          "ALTER TABLE `order_items` DROP CONSTRAINT `order_items_order_fk`"));
}

TEST_F(MysqlRendererTest, EscapesQuotesBackslashesAndNulInValues) {
  EXPECT_THAT(
      sql(R"(up:
  - bulkInsert:
      table: t
      rows:
        - { a: "it's", b: 'C:\path\', c: "nul\0byte" }
        - { a: "\\'); DROP TABLE t; --", b: true, c: 1.50 }
)"),
      ElementsAre(
          R"(INSERT INTO `t` (`a`, `b`, `c`) VALUES ('it''s', 'C:\\path\\', 'nul\0byte'), ('\\''); DROP TABLE t; --', TRUE, 1.50))"));
}

TEST_F(MysqlRendererTest, DeletesWithSequelizeOperators) {
  EXPECT_THAT(sql(R"(up:
  - bulkDelete: { table: t, where: { a: { eq: null }, b: { ne: null }, c: { notIn: [1, 2] }, d: { is: false } } }
)"),
              ElementsAre("DELETE FROM `t` WHERE `a` IS NULL AND `b` IS NOT NULL AND `c` NOT IN "
                          "(1, 2) AND `d` IS FALSE"));
}

TEST_F(MysqlRendererTest, QuotesHostileNamesWithBackticks) {
  EXPECT_THAT(sql(R"(up:
  - dropTable: { table: 'x"; DROP TABLE users; --' }
  - dropTable: { table: 'x`; DROP TABLE users; --' }
)"),
              ElementsAre("DROP TABLE `x\"; DROP TABLE users; --`",
                          "DROP TABLE `x``; DROP TABLE users; --`"));
}

TEST_F(MysqlRendererTest, RunsRawSqlForItsDialect) {
  EXPECT_THAT(sql(R"(up:
  - sql: { mariadb: "SELECT 1; SELECT 2", postgres: "SELECT 3" }
)"),
              ElementsAre("SELECT 1", "SELECT 2"));
  EXPECT_EQ(error("up:\n  - sql: { sqlite: SELECT 1 }\n"), at(2, 5) + "sql gives no SQL for mysql");
}

TEST_F(MysqlRendererTest, RefusesAPartialIndex) {
  EXPECT_EQ(error(R"(up:
  - addIndex:
      table: orders
      fields: [discount_code]
      name: orders_discount_code_idx
      where: { discount_code: { ne: null } }
)"),
            at(6, 7) + "MySQL has no partial indexes (where)");
}

TEST_F(MysqlRendererTest, RefusesConcurrently) {
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [a], concurrently: true }\n"),
            at(2, 49) + "concurrently is PostgreSQL-only");
}

TEST_F(MysqlRendererTest, RefusesIndexMethodsMysqlLacks) {
  EXPECT_EQ(error("up:\n  - addIndex: { table: t, name: i, fields: [a], using: GIN }\n"),
            at(2, 49) + "MySQL indexes use BTREE or HASH, not GIN");
}

TEST_F(MysqlRendererTest, RefusesSetDefaultActions) {
  EXPECT_EQ(error(R"(up:
  - createTable:
      table: t
      columns:
        p: { type: INTEGER, references: { table: p, column: id }, onDelete: set default }
)"),
            at(5, 67) + "onDelete: SET DEFAULT is refused by InnoDB");
}

TEST_F(MysqlRendererTest, RefusesAnAutoIncrementColumnThatIsNoKey) {
  EXPECT_EQ(
      error("up:\n  - addColumn: { table: t, column: n, type: INTEGER, autoIncrement: true }\n"),
      at(2, 54) +
          "MySQL needs an autoIncrement column to be a key; column 'n' is neither "
          "primaryKey nor unique");
}

TEST_F(MysqlRendererTest, RefusesAnAddedForeignKeyWhoseNameIsTooLong) {
  const std::string table(44, 't');  // 44 + "_owner_id_foreign_idx" = 65
  EXPECT_EQ(error("up:\n  - addColumn: { table: " + table +
                  ", column: owner_id, type: INTEGER, references: { table: u, column: id } }\n"),
            at(2, 104) + "the foreign key's name '" + table +
                "_owner_id_foreign_idx' is longer than MySQL's 64 characters");
  EXPECT_EQ(error("up:\n  - addColumn: { table: t, column: owner_id, type: INTEGER, references: "
                  "{ table: u, column: id } }\n"),
            "(no error)");
}

TEST_F(MysqlRendererTest, RefusesLongEnumValuesAndNames) {
  const std::string value(256, 'v');
  EXPECT_EQ(
      error("up:\n  - addColumn: { table: t, column: c, type: ENUM, values: [" + value + "] }\n"),
      at(2, 45) + "ENUM value 'vvvvvvvvvvvvvvvvvvvv...' is longer than MySQL's 255 characters");
  const std::string name(65, 'n');
  EXPECT_EQ(error("up:\n  - dropTable: { table: " + name + " }\n"),
            at(2, 18) + "the name '" + name + "' is longer than MySQL's 64 characters");
}

TEST_F(MysqlRendererTest, RefusesANulCharacterInAName) {
  EXPECT_EQ(error("up:\n  - dropTable: { table: \"a\\0b\" }\n"),
            at(2, 18) + "a name holds a NUL character, which mysql cannot store");
}

// A type given per database is written as that database's entry says.
TEST_F(MysqlRendererTest, WritesANativeTypeAsThisDatabasesEntrySpellsIt) {
  EXPECT_THAT(sql(testing::k_native_types_unit),
              ElementsAre("CREATE TABLE `t` (\n  `a` VARCHAR(45),\n  `b` LONGTEXT\n)"));
}

}  // namespace
}  // namespace forge::dialect::mysql
