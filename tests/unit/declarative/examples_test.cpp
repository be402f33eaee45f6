// Whole units as the issue and the e-commerce example schema write them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "declarative/inverse.hpp"
#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;

// The issue's example, verbatim: the seed tutorial's discount-code change.
const std::string k_discount_code = R"(up:
  - addColumn:
      table: orders
      column: discount_code
      type: STRING(50)
      allowNull: true
      after: status            # MySQL/MariaDB only; other dialects ignore it, saying so with --verbose
  - addIndex:
      table: orders
      fields: [discount_code]
      name: orders_discount_code_idx
      where: { discount_code: { ne: null } }   # partial index
down:
  - removeIndex: { table: orders, name: orders_discount_code_idx }
  - removeColumn: { table: orders, column: discount_code }
)";

TEST(DiscountCodeExample, LoadsBothDirections) {
  const DeclarativeUnit unit = testing::load(k_discount_code);
  ASSERT_EQ(unit.up.size(), 2u);

  const auto& add = std::get<AddColumn>(unit.up[0]);
  EXPECT_EQ(add.table, "orders");
  EXPECT_EQ(add.column.name, "discount_code");
  EXPECT_EQ(add.column.type.kind, TypeKind::string);
  EXPECT_EQ(add.column.type.length, 50);
  EXPECT_TRUE(add.column.allow_null);
  EXPECT_FALSE(add.column.default_value);
  EXPECT_EQ(add.after, "status");
  EXPECT_EQ(add.origin.of("after").line, 7);
  EXPECT_EQ(add.origin.of("after").column, 7);

  const auto& index = std::get<AddIndex>(unit.up[1]);
  EXPECT_EQ(index.table, "orders");
  EXPECT_EQ(index.name, "orders_discount_code_idx");
  ASSERT_EQ(index.fields.size(), 1u);
  EXPECT_EQ(index.fields[0].column, "discount_code");
  ASSERT_TRUE(index.where);
  ASSERT_EQ(index.where->conditions.size(), 1u);
  EXPECT_EQ(index.where->conditions[0].column, "discount_code");
  EXPECT_EQ(index.where->conditions[0].op, WhereOperator::ne);
  EXPECT_TRUE(index.where->conditions[0].operands.at(0).is_null());
  EXPECT_EQ(index.origin.of("where").line, 12);

  ASSERT_TRUE(unit.down);
  ASSERT_EQ(unit.down->size(), 2u);
  EXPECT_EQ(std::get<RemoveIndex>(unit.down->at(0)).name, "orders_discount_code_idx");
  EXPECT_EQ(std::get<RemoveColumn>(unit.down->at(1)).column, "discount_code");
  EXPECT_EQ(origin_of(unit.down->at(1)).location.line, 15);
}

// The e-commerce schema of migrations-examples, as one unit without a down.
const std::string k_shop_schema = R"yaml(up:
  - createTable:
      table: users
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        email: { type: STRING(255), allowNull: false, unique: true }
        name: STRING(100)
      timestamps: true
  - createTable:
      table: products
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        sku: { type: STRING(32), allowNull: false, unique: true }
        price:
          type: DECIMAL(10, 2)
          allowNull: false
          defaultValue: 0
        active: { type: BOOLEAN, allowNull: false, defaultValue: true }
      timestamps: true
  - createTable:
      table: orders
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        user_id:
          type: INTEGER
          allowNull: false
          references: { table: users, column: id }
          onDelete: CASCADE
        status: { type: "ENUM('pending', 'paid', 'shipped')", allowNull: false, defaultValue: pending }
      timestamps: true
  - createTable:
      table: order_items
      columns:
        order_id: { type: INTEGER, references: { table: orders, column: id }, onDelete: CASCADE }
        product_id: { type: INTEGER, references: { table: products, column: id } }
        quantity: { type: INTEGER, allowNull: false }
      constraints:
        - { type: primary key, fields: [order_id, product_id] }
        - { type: check, name: order_items_quantity_positive, where: { quantity: { gt: 0 } } }
  - addIndex: { table: orders, name: orders_user_status_idx, fields: [user_id, status] }
  - bulkInsert:
      table: products
      rows:
        - { sku: MUG-1, price: 12.50, active: true }
        - { sku: TEE-1, price: 20, active: false }
)yaml";

TEST(ShopSchemaExample, LoadsAndDerivesItsDown) {
  const DeclarativeUnit unit = testing::load(k_shop_schema);
  ASSERT_EQ(unit.up.size(), 6u);
  const auto& orders = std::get<CreateTable>(unit.up[2]);
  EXPECT_EQ(orders.columns[2].type.kind, TypeKind::enumeration);
  EXPECT_THAT(orders.columns[2].type.values, ElementsAre("pending", "paid", "shipped"));
  EXPECT_EQ(orders.columns.size(), 5u);  // with created_at and updated_at

  const DerivedDown down = derive_down(unit.up);
  ASSERT_FALSE(down.irreversible);
  std::vector<std::string_view> names;
  for (const Operation& op : down.operations) names.push_back(operation_name(op));
  // orders_user_status_idx goes with its table, which the unit created.
  EXPECT_THAT(names, ElementsAre("bulkDelete", "bulkDelete", "dropTable", "dropTable", "dropTable",
                                 "dropTable"));
  EXPECT_EQ(std::get<DropTable>(down.operations[2]).table, "order_items");
  EXPECT_EQ(std::get<DropTable>(down.operations[5]).table, "users");
}

}  // namespace
}  // namespace forge::declarative
