// createTable: ordered columns, column attributes, defaults, timestamps, table constraints.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

using testing::at;
using ::testing::ElementsAre;
using testing::error_of;
using ::testing::HasSubstr;
using testing::only_up;

std::vector<std::string> names_of(const CreateTable& op) {
  std::vector<std::string> names;
  for (const ColumnSpec& column : op.columns) names.push_back(column.name);
  return names;
}

const Value& default_of(const ColumnSpec& column) {
  return std::get<Value>(column.default_value.value());
}

TEST(CreateTable, KeepsColumnsInFileOrderNotAlphabetical) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: users
      columns:
        zeta: TEXT
        alpha: TEXT
        mid: { type: INTEGER }
)");
  EXPECT_EQ(op.table, "users");
  EXPECT_THAT(names_of(op), ElementsAre("zeta", "alpha", "mid"));
  EXPECT_EQ(op.columns[0].origin.location.line, 5);
  EXPECT_EQ(op.columns[0].origin.location.column, 9);
}

TEST(CreateTable, ReadsEveryColumnAttribute) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: orders
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        user_id:
          type: INTEGER
          allowNull: false
          references: { table: users, column: id }
          onDelete: CASCADE
          onUpdate: no action
        code: { type: CHAR(8), unique: true, comment: "printed on the receipt" }
)");
  const ColumnSpec& id = op.columns[0];
  EXPECT_TRUE(id.primary_key);
  EXPECT_TRUE(id.auto_increment);
  EXPECT_FALSE(id.allow_null);  // implied by primaryKey
  const ColumnSpec& user = op.columns[1];
  EXPECT_FALSE(user.allow_null);
  ASSERT_TRUE(user.references);
  EXPECT_EQ(user.references->table, "users");
  EXPECT_EQ(user.references->column, "id");
  EXPECT_EQ(user.references->location.line, 9);
  EXPECT_EQ(user.on_delete, ReferentialAction::cascade);
  EXPECT_EQ(user.on_update, ReferentialAction::no_action);
  const ColumnSpec& code = op.columns[2];
  EXPECT_TRUE(code.unique);
  EXPECT_EQ(code.comment, "printed on the receipt");
  EXPECT_TRUE(code.allow_null);
  EXPECT_FALSE(code.primary_key);
}

TEST(CreateTable, ReadsAnEnumFromAValuesList) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: orders
      columns:
        status: { type: ENUM, values: [pending, paid, shipped], defaultValue: pending }
)");
  EXPECT_EQ(op.columns[0].type.kind, TypeKind::enumeration);
  EXPECT_THAT(op.columns[0].type.values, ElementsAre("pending", "paid", "shipped"));
  EXPECT_EQ(std::get<std::string>(default_of(op.columns[0]).literal), "pending");
}

TEST(CreateTable, ReadsLiteralDefaultsOfEachKind) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: STRING(10), defaultValue: 'n/a' }
        b: { type: INTEGER, defaultValue: -7 }
        c: { type: 'DECIMAL(10,2)', defaultValue: 0.00 }
        d: { type: BOOLEAN, defaultValue: false }
        e: { type: TEXT, defaultValue: null }
        f: { type: FLOAT, defaultValue: 1e3 }
        g: { type: BIGINT, defaultValue: 9223372036854775807 }
)");
  EXPECT_EQ(std::get<std::string>(default_of(op.columns[0]).literal), "n/a");
  EXPECT_EQ(std::get<std::int64_t>(default_of(op.columns[1]).literal), -7);
  EXPECT_EQ(std::get<Decimal>(default_of(op.columns[2]).literal).text, "0.00");
  EXPECT_EQ(std::get<bool>(default_of(op.columns[3]).literal), false);
  EXPECT_TRUE(default_of(op.columns[4]).is_null());
  EXPECT_EQ(std::get<Decimal>(default_of(op.columns[5]).literal).text, "1e3");
  EXPECT_EQ(std::get<std::int64_t>(default_of(op.columns[6]).literal), 9223372036854775807);
  EXPECT_EQ(default_of(op.columns[1]).location.line, 6);
  EXPECT_EQ(default_of(op.columns[1]).location.column, 43);
}

TEST(CreateTable, ReadsNowAsTheCurrentTimestampOnDateAndTimeColumns) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: DATE, defaultValue: NOW }
        b: { type: DATEONLY, defaultValue: "NOW" }
        c: { type: TIME, defaultValue: now }
        d: { type: STRING(3), defaultValue: NOW }
)");
  EXPECT_TRUE(std::holds_alternative<Now>(*op.columns[0].default_value));
  EXPECT_TRUE(std::holds_alternative<Now>(*op.columns[1].default_value));
  EXPECT_TRUE(std::holds_alternative<Now>(*op.columns[2].default_value));
  EXPECT_EQ(std::get<std::string>(default_of(op.columns[3]).literal), "NOW");  // just text
}

TEST(CreateTable, AddsCreatedAtAndUpdatedAtForTimestamps) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: users
      columns: { id: { type: INTEGER, primaryKey: true } }
      timestamps: true
)");
  EXPECT_TRUE(op.timestamps);
  EXPECT_THAT(names_of(op), ElementsAre("id", "created_at", "updated_at"));
  for (const ColumnSpec& column : {op.columns[1], op.columns[2]}) {
    EXPECT_EQ(column.type.kind, TypeKind::date_time);
    EXPECT_FALSE(column.allow_null);
    EXPECT_TRUE(std::holds_alternative<Now>(*column.default_value));
    EXPECT_EQ(column.origin.location.line, 5);
  }
}

TEST(CreateTable, RefusesTimestampsBesideADeclaredCreatedAt) {
  EXPECT_THAT(error_of(R"(up:
  - createTable:
      table: t
      columns: { created_at: DATE }
      timestamps: true
)"),
              HasSubstr(at(5, 7) + "timestamps: true adds created_at, which is already declared"));
}

TEST(CreateTable, ReadsTableLevelConstraints) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: order_items
      columns:
        order_id: { type: INTEGER, references: { table: orders, column: id }, onDelete: CASCADE }
        product_id: { type: INTEGER }
        quantity: { type: INTEGER, allowNull: false }
      constraints:
        - { type: primary key, fields: [order_id, product_id] }
        - { type: check, name: order_items_quantity_positive, where: { quantity: { gt: 0 } } }
        - { type: unique, fields: [product_id, quantity] }
        - type: foreign key
          fields: [product_id]
          references: { table: products, column: id }
)");
  ASSERT_EQ(op.constraints.size(), 4u);
  EXPECT_EQ(op.constraints[0].kind, ConstraintKind::primary_key);
  EXPECT_FALSE(op.constraints[0].name);
  EXPECT_THAT(op.constraints[0].fields, ElementsAre("order_id", "product_id"));
  EXPECT_FALSE(op.columns[0].allow_null);  // primary key columns are NOT NULL
  EXPECT_FALSE(op.columns[1].allow_null);
  EXPECT_EQ(op.constraints[1].kind, ConstraintKind::check);
  EXPECT_EQ(op.constraints[1].name, "order_items_quantity_positive");
  EXPECT_TRUE(op.constraints[1].fields.empty());
  EXPECT_EQ(op.constraints[2].kind, ConstraintKind::unique);
  EXPECT_EQ(op.constraints[3].kind, ConstraintKind::foreign_key);
  EXPECT_EQ(op.constraints[3].origin.location.line, 12);
}

TEST(CreateTable, AcceptsSeveralPrimaryKeyColumnsAsACompositeKey) {
  const auto op = only_up<CreateTable>(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: INTEGER, primaryKey: true }
        b: { type: INTEGER, primaryKey: true }
)");
  EXPECT_TRUE(op.columns[0].primary_key);
  EXPECT_TRUE(op.columns[1].primary_key);
}

TEST(CreateTable, RefusesAConstraintOnAnUndeclaredColumn) {
  EXPECT_THAT(error_of(R"(up:
  - createTable:
      table: t
      columns: { a: INTEGER }
      constraints:
        - { type: unique, fields: [b] }
)"),
              HasSubstr(at(6, 27) + "constraint names column 'b', which t does not declare"));
  EXPECT_THAT(error_of(R"(up:
  - createTable:
      table: t
      columns: { a: INTEGER }
      constraints:
        - { type: check, where: { c: { gt: 0 } } }
)"),
              HasSubstr(at(6, 40) + "constraint names column 'c'"));
}

TEST(CreateTable, RefusesTwoPrimaryKeys) {
  EXPECT_THAT(error_of(R"(up:
  - createTable:
      table: t
      columns: { a: { type: INTEGER, primaryKey: true }, b: INTEGER }
      constraints:
        - { type: primary key, fields: [b] }
)"),
              HasSubstr(at(6, 11) + "a primary key constraint and primaryKey: true on column 'a'"));
  EXPECT_THAT(error_of(R"(up:
  - createTable:
      table: t
      columns: { a: INTEGER, b: INTEGER }
      constraints:
        - { type: primary key, fields: [a] }
        - { type: primary key, fields: [b] }
)"),
              HasSubstr(at(7, 11) + "a table has one primary key"));
}

TEST(CreateTable, RefusesAutoIncrementOffTheOnlyPrimaryKeyColumn) {
  EXPECT_THAT(
      error_of(R"(up:
  - createTable:
      table: t
      columns:
        a: { type: INTEGER, autoIncrement: true }
)"),
      HasSubstr(at(5, 29) + "autoIncrement column 'a' must be the table's only primaryKey"));
}

TEST(CreateTable, RefusesAMissingOrEmptyColumnsMap) {
  EXPECT_THAT(error_of("up:\n  - createTable: { table: t }\n"),
              HasSubstr(at(2, 5) + "createTable needs 'columns'"));
  EXPECT_THAT(error_of("up:\n  - createTable: { table: t, columns: {} }\n"),
              HasSubstr(at(2, 39) + "columns of createTable must map each column name"));
  EXPECT_THAT(error_of("up:\n  - createTable: { table: t, columns: [id] }\n"),
              HasSubstr("not a list"));
}

TEST(CreateTable, RefusesAColumnDeclaredTwice) {
  EXPECT_THAT(error_of("up:\n  - createTable: { table: t, columns: { a: TEXT, a: TEXT } }\n"),
              HasSubstr(at(2, 50) + "'a' is written twice"));
}

}  // namespace
}  // namespace forge::declarative
