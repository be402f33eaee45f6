// The shape of every operation, as loaded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "declarative/loader.hpp"
#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;
using testing::load;
using testing::only_up;

TEST(LoadDeclarative, ReadsUpAndDownInOrder) {
  const DeclarativeUnit unit = load(R"(up:
  - dropTable: { table: a }
  - dropTable: { table: b }
down:
  - sql: SELECT 1
)");
  EXPECT_EQ(unit.file, testing::k_file);
  ASSERT_EQ(unit.up.size(), 2u);
  EXPECT_EQ(std::get<DropTable>(unit.up[0]).table, "a");
  EXPECT_EQ(std::get<DropTable>(unit.up[1]).table, "b");
  ASSERT_TRUE(unit.down);
  ASSERT_EQ(unit.down->size(), 1u);
  EXPECT_EQ(operation_name(unit.down->front()), "sql");
}

TEST(LoadDeclarative, LeavesDownUnsetWhenOmittedAndEmptyWhenWrittenEmpty) {
  EXPECT_FALSE(load("up:\n  - dropTable: { table: a }\n").down);
  const DeclarativeUnit unit = load("up:\n  - dropTable: { table: a }\ndown: []\n");
  ASSERT_TRUE(unit.down);
  EXPECT_TRUE(unit.down->empty());
}

TEST(LoadDeclarative, KeepsTheLocationOfEachOperationAndOption) {
  const auto op = only_up<AddColumn>(R"(up:
  - addColumn:
      table: orders
      column: note
      type: TEXT
)");
  EXPECT_EQ(op.origin.location.file, testing::k_file);
  EXPECT_EQ(op.origin.location.line, 2);
  EXPECT_EQ(op.origin.location.column, 5);
  EXPECT_EQ(op.origin.of("type").line, 5);
  EXPECT_EQ(op.origin.of("type").column, 7);
  EXPECT_TRUE(op.origin.has("table"));
  EXPECT_FALSE(op.origin.has("after"));
  EXPECT_EQ(op.origin.of("after").line, 2);  // falls back to the operation
  EXPECT_EQ(op.column.origin.location.line, 4);
  EXPECT_EQ(op.column.origin.location.column, 15);
  EXPECT_EQ(op.column.type.location.line, 5);
  EXPECT_EQ(op.column.type.location.column, 13);
}

TEST(LoadDeclarative, ReadsDropTable) {
  EXPECT_EQ(only_up<DropTable>("up: [{ dropTable: { table: users } }]").table, "users");
}

TEST(LoadDeclarative, ReadsRenameTableFromAndTo) {
  const auto op = only_up<RenameTable>("up:\n  - renameTable: { from: people, to: users }\n");
  EXPECT_EQ(op.from, "people");
  EXPECT_EQ(op.to, "users");
}

TEST(LoadDeclarative, ReadsAddColumnWithItsAttributesAndAfter) {
  const auto op = only_up<AddColumn>(R"(up:
  - addColumn:
      table: orders
      column: discount_code
      type: STRING(50)
      allowNull: true
      after: status
)");
  EXPECT_EQ(op.table, "orders");
  EXPECT_EQ(op.column.name, "discount_code");
  EXPECT_EQ(op.column.type.kind, TypeKind::string);
  EXPECT_EQ(op.column.type.length, 50);
  EXPECT_TRUE(op.column.allow_null);
  EXPECT_EQ(op.after, "status");
  EXPECT_FALSE(op.first);
}

TEST(LoadDeclarative, ReadsAddColumnFirst) {
  const auto op = only_up<AddColumn>(
      "up:\n  - addColumn: { table: t, column: c, type: INTEGER, allowNull: false, first: true "
      "}\n");
  EXPECT_TRUE(op.first);
  EXPECT_FALSE(op.after);
  EXPECT_FALSE(op.column.allow_null);
}

TEST(LoadDeclarative, ReadsRemoveColumn) {
  const auto op = only_up<RemoveColumn>("up:\n  - removeColumn: { table: t, column: c }\n");
  EXPECT_EQ(op.table, "t");
  EXPECT_EQ(op.column, "c");
}

TEST(LoadDeclarative, ReadsRenameColumn) {
  const auto op = only_up<RenameColumn>("up:\n  - renameColumn: { table: t, from: a, to: b }\n");
  EXPECT_EQ(op.table, "t");
  EXPECT_EQ(op.from, "a");
  EXPECT_EQ(op.to, "b");
}

TEST(LoadDeclarative, ReadsChangeColumnAsAWholeNewDefinition) {
  const auto op = only_up<ChangeColumn>(R"(up:
  - changeColumn:
      table: products
      column: price
      type: DECIMAL(12, 2)
      allowNull: false
      defaultValue: 0
)");
  EXPECT_EQ(op.table, "products");
  EXPECT_EQ(op.column.name, "price");
  EXPECT_EQ(op.column.type.precision, 12);
  EXPECT_FALSE(op.column.allow_null);
  ASSERT_TRUE(op.column.default_value);
  EXPECT_EQ(std::get<std::int64_t>(std::get<Value>(*op.column.default_value).literal), 0);
}

TEST(LoadDeclarative, ReadsAddIndexWithEveryOption) {
  const auto op = only_up<AddIndex>(R"(up:
  - addIndex:
      table: products
      name: products_search_idx
      fields: [category, { name: price, order: DESC }, { name: title, length: 20, order: asc }]
      unique: true
      where: { deleted_at: null }
      using: btree
      concurrently: true
)");
  EXPECT_EQ(op.table, "products");
  EXPECT_EQ(op.name, "products_search_idx");
  ASSERT_EQ(op.fields.size(), 3u);
  EXPECT_EQ(op.fields[0].column, "category");
  EXPECT_FALSE(op.fields[0].order);
  EXPECT_EQ(op.fields[1].column, "price");
  EXPECT_EQ(op.fields[1].order, SortOrder::descending);
  EXPECT_EQ(op.fields[2].length, 20);
  EXPECT_EQ(op.fields[2].order, SortOrder::ascending);
  EXPECT_EQ(op.fields[1].location.line, 5);
  EXPECT_TRUE(op.unique);
  ASSERT_TRUE(op.where);
  EXPECT_EQ(op.where->conditions.at(0).op, WhereOperator::is);
  EXPECT_EQ(op.method, IndexMethod::btree);
  EXPECT_TRUE(op.concurrently);
}

TEST(LoadDeclarative, DefaultsAddIndexToAPlainIndex) {
  const auto op =
      only_up<AddIndex>("up:\n  - addIndex: { table: t, name: t_a_idx, fields: [a] }\n");
  EXPECT_FALSE(op.unique);
  EXPECT_FALSE(op.where);
  EXPECT_FALSE(op.method);
  EXPECT_FALSE(op.concurrently);
}

TEST(LoadDeclarative, ReadsRemoveIndex) {
  const auto op = only_up<RemoveIndex>("up:\n  - removeIndex: { table: t, name: t_a_idx }\n");
  EXPECT_EQ(op.table, "t");
  EXPECT_EQ(op.name, "t_a_idx");
}

TEST(LoadDeclarative, ReadsAUniqueConstraint) {
  const auto op = only_up<AddConstraint>(
      "up:\n  - addConstraint: { table: users, type: unique, name: users_email_uk, fields: [email] "
      "}\n");
  EXPECT_EQ(op.table, "users");
  EXPECT_EQ(op.constraint.kind, ConstraintKind::unique);
  EXPECT_EQ(op.constraint.name, "users_email_uk");
  EXPECT_THAT(op.constraint.fields, ElementsAre("email"));
}

TEST(LoadDeclarative, ReadsACheckConstraint) {
  const auto op = only_up<AddConstraint>(R"(up:
  - addConstraint:
      table: order_items
      type: check
      name: order_items_quantity_positive
      fields: [quantity]
      where: { quantity: { gt: 0 } }
)");
  EXPECT_EQ(op.constraint.kind, ConstraintKind::check);
  ASSERT_TRUE(op.constraint.where);
  EXPECT_EQ(op.constraint.where->conditions.at(0).op, WhereOperator::gt);
}

TEST(LoadDeclarative, ReadsAForeignKeyConstraint) {
  const auto op = only_up<AddConstraint>(R"(up:
  - addConstraint:
      table: orders
      type: FOREIGN KEY
      name: orders_user_fk
      fields: [user_id]
      references: { table: users, column: id }
      onDelete: cascade
      onUpdate: SET NULL
)");
  EXPECT_EQ(op.constraint.kind, ConstraintKind::foreign_key);
  ASSERT_TRUE(op.constraint.references);
  EXPECT_EQ(op.constraint.references->table, "users");
  EXPECT_THAT(op.constraint.references->columns, ElementsAre("id"));
  EXPECT_EQ(op.constraint.on_delete, ReferentialAction::cascade);
  EXPECT_EQ(op.constraint.on_update, ReferentialAction::set_null);
}

TEST(LoadDeclarative, ReadsACompositeForeignKeyAndPrimaryKey) {
  const DeclarativeUnit unit = load(R"(up:
  - addConstraint:
      table: shipments
      type: foreign key
      name: shipments_item_fk
      fields: [order_id, product_id]
      references: { table: order_items, columns: [order_id, product_id] }
  - addConstraint: { table: shipments, type: primary key, name: shipments_pk, fields: [id] }
)");
  const auto& fk = std::get<AddConstraint>(unit.up[0]).constraint;
  EXPECT_THAT(fk.references->columns, ElementsAre("order_id", "product_id"));
  EXPECT_EQ(std::get<AddConstraint>(unit.up[1]).constraint.kind, ConstraintKind::primary_key);
}

TEST(LoadDeclarative, ReadsRemoveConstraint) {
  const auto op = only_up<RemoveConstraint>(
      "up:\n  - removeConstraint: { table: users, name: users_email_uk }\n");
  EXPECT_EQ(op.table, "users");
  EXPECT_EQ(op.name, "users_email_uk");
}

TEST(LoadDeclarative, ReadsBulkInsertRowsInTheFirstRowsColumnOrder) {
  const auto op = only_up<BulkInsert>(R"(up:
  - bulkInsert:
      table: products
      rows:
        - { sku: A-1, price: 9.90, stock: 3, active: true, note: null }
        - { price: '12', sku: "B-2", active: false, stock: -1, note: x }
)");
  EXPECT_EQ(op.table, "products");
  EXPECT_THAT(op.columns, ElementsAre("sku", "price", "stock", "active", "note"));
  ASSERT_EQ(op.rows.size(), 2u);
  const auto& first = op.rows[0].values;
  EXPECT_EQ(std::get<std::string>(first[0].literal), "A-1");
  EXPECT_EQ(std::get<Decimal>(first[1].literal).text, "9.90");
  EXPECT_EQ(std::get<std::int64_t>(first[2].literal), 3);
  EXPECT_EQ(std::get<bool>(first[3].literal), true);
  EXPECT_TRUE(first[4].is_null());
  const auto& second = op.rows[1].values;
  EXPECT_EQ(std::get<std::string>(second[0].literal), "B-2");
  EXPECT_EQ(std::get<std::string>(second[1].literal), "12");
  EXPECT_EQ(std::get<std::int64_t>(second[2].literal), -1);
  EXPECT_EQ(op.rows[1].location.line, 6);
}

TEST(LoadDeclarative, ReadsFunctionsAndLiteralsInRowsAndDefaults) {
  const DeclarativeUnit unit = load(R"(up:
  - addColumn:
      table: t
      column: seen
      type: DATE
      defaultValue: { fn: now }
  - addColumn: { table: t, column: d, type: DATE, defaultValue: { literal: "CURRENT_TIMESTAMP" } }
  - bulkInsert:
      table: t
      rows: [{ a: { fn: CURRENT_TIMESTAMP }, b: { literal: "1 + 1" }, c: NOW }]
)");
  const auto default_of = [&](std::size_t i) {
    return std::get<Value>(*std::get<AddColumn>(unit.up.at(i)).column.default_value).literal;
  };
  EXPECT_EQ(std::get<FunctionCall>(default_of(0)).function, SqlFunction::now);
  EXPECT_EQ(std::get<RawExpression>(default_of(1)).sql, "CURRENT_TIMESTAMP");
  const auto& row = std::get<BulkInsert>(unit.up.at(2)).rows.at(0).values;
  EXPECT_EQ(std::get<FunctionCall>(row.at(0).literal).function, SqlFunction::current_timestamp);
  EXPECT_EQ(describe(row.at(1).literal), "{literal: '1 + 1'}");
  EXPECT_EQ(std::get<std::string>(row.at(2).literal), "NOW");  // plain text stays text
}

TEST(LoadDeclarative, ReadsBulkDeleteWithAWhere) {
  const auto op =
      only_up<BulkDelete>("up:\n  - bulkDelete: { table: t, where: { status: [a, b] } }\n");
  EXPECT_EQ(op.table, "t");
  ASSERT_EQ(op.where.conditions.size(), 1u);
  EXPECT_EQ(op.where.conditions[0].op, WhereOperator::in);
}

TEST(LoadDeclarative, ReadsBulkDeleteWithAnEmptyWhereAsEveryRow) {
  EXPECT_TRUE(only_up<BulkDelete>("up:\n  - bulkDelete: { table: t, where: {} }\n")
                  .where.conditions.empty());
}

TEST(LoadDeclarative, ReadsSqlAsOneStringForEveryDialect) {
  const auto op = only_up<RawSql>("up:\n  - sql: \"UPDATE t SET a = 1; UPDATE t SET b = 2\"\n");
  EXPECT_EQ(op.any_dialect, "UPDATE t SET a = 1; UPDATE t SET b = 2");
  EXPECT_TRUE(op.by_dialect.empty());
}

TEST(LoadDeclarative, ReadsSqlPerDialect) {
  const auto op = only_up<RawSql>(R"(up:
  - sql:
      postgresql: CREATE EXTENSION IF NOT EXISTS pgcrypto
      mysql: |
        SET @x = 1;
      sqlite: SELECT 1
)");
  EXPECT_FALSE(op.any_dialect);
  ASSERT_EQ(op.by_dialect.size(), 3u);
  EXPECT_EQ(op.by_dialect.at(core::Dialect::postgres), "CREATE EXTENSION IF NOT EXISTS pgcrypto");
  EXPECT_EQ(op.by_dialect.at(core::Dialect::mysql), "SET @x = 1;\n");
  EXPECT_EQ(op.by_dialect.at(core::Dialect::sqlite), "SELECT 1");
  EXPECT_EQ(op.origin.of("mysql").line, 4);
}

TEST(OperationName, NamesEveryOperationAsWritten) {
  const DeclarativeUnit unit = load(R"(up:
  - createTable: { table: t, columns: { id: INTEGER } }
  - dropTable: { table: t }
  - renameTable: { from: a, to: b }
  - addColumn: { table: t, column: c, type: TEXT }
  - removeColumn: { table: t, column: c }
  - renameColumn: { table: t, from: a, to: b }
  - changeColumn: { table: t, column: c, type: TEXT }
  - addIndex: { table: t, name: i, fields: [c] }
  - removeIndex: { table: t, name: i }
  - addConstraint: { table: t, name: k, type: unique, fields: [c] }
  - removeConstraint: { table: t, name: k }
  - bulkInsert: { table: t, rows: [{ c: 1 }] }
  - bulkDelete: { table: t, where: { c: 1 } }
  - sql: SELECT 1
)");
  std::vector<std::string_view> names;
  for (const Operation& op : unit.up) names.push_back(operation_name(op));
  EXPECT_THAT(
      names, ElementsAre("createTable", "dropTable", "renameTable", "addColumn", "removeColumn",
                         "renameColumn", "changeColumn", "addIndex", "removeIndex", "addConstraint",
                         "removeConstraint", "bulkInsert", "bulkDelete", "sql"));
  for (std::size_t i = 0; i < unit.up.size(); ++i) {
    EXPECT_EQ(origin_of(unit.up[i]).location.line, static_cast<int>(i) + 2);
    EXPECT_EQ(origin_of(unit.up[i]).location.column, 5);
  }
}

}  // namespace
}  // namespace forge::declarative
