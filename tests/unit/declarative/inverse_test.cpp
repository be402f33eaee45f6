#include "declarative/inverse.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "load_helpers.hpp"

namespace forge::declarative {
namespace {

using ::testing::ElementsAre;
using testing::load;

DerivedDown derive(const std::string& text) { return derive_down(load(text).up); }

std::vector<std::string_view> names_of(const std::vector<Operation>& operations) {
  std::vector<std::string_view> names;
  for (const Operation& op : operations) names.push_back(operation_name(op));
  return names;
}

TEST(DeriveDown, InvertsEachReversibleOperationInReverseOrder) {
  const DerivedDown down = derive(R"(up:
  - createTable: { table: users, columns: { id: { type: INTEGER, primaryKey: true } } }
  - addColumn: { table: users, column: email, type: TEXT }
  - renameTable: { from: users, to: members }
  - addIndex: { table: members, name: users_email_idx, fields: [email] }
  - renameColumn: { table: members, from: email, to: mail }
  - addConstraint: { table: members, type: unique, name: members_mail_uk, fields: [mail] }
)");
  ASSERT_FALSE(down.irreversible);
  EXPECT_THAT(names_of(down.operations),
              ElementsAre("removeConstraint", "renameColumn", "removeIndex", "renameTable",
                          "removeColumn", "dropTable"));
  const auto& constraint = std::get<RemoveConstraint>(down.operations[0]);
  EXPECT_EQ(constraint.table, "members");
  EXPECT_EQ(constraint.name, "members_mail_uk");
  const auto& column_rename = std::get<RenameColumn>(down.operations[1]);
  EXPECT_EQ(column_rename.table, "members");
  EXPECT_EQ(column_rename.from, "mail");
  EXPECT_EQ(column_rename.to, "email");
  const auto& index = std::get<RemoveIndex>(down.operations[2]);
  EXPECT_EQ(index.table, "members");
  EXPECT_EQ(index.name, "users_email_idx");
  const auto& table_rename = std::get<RenameTable>(down.operations[3]);
  EXPECT_EQ(table_rename.from, "members");
  EXPECT_EQ(table_rename.to, "users");
  const auto& column = std::get<RemoveColumn>(down.operations[4]);
  EXPECT_EQ(column.table, "users");
  EXPECT_EQ(column.column, "email");
  EXPECT_EQ(std::get<DropTable>(down.operations[5]).table, "users");
}

// InnoDB refuses to drop an index a foreign key needs (once it has dropped its own for it), so
// the index of a table the unit creates goes with the table, not before it.
TEST(DeriveDown, LeavesTheIndexesOfATableItCreatesToItsDropTable) {
  const DerivedDown down = derive(R"(up:
  - createTable: { table: orders, columns: { user_id: INTEGER } }
  - addIndex: { table: orders, name: orders_user_id_idx, fields: [user_id] }
  - addIndex: { table: users, name: users_id_idx, fields: [id] }
)");
  ASSERT_FALSE(down.irreversible);
  EXPECT_THAT(names_of(down.operations), ElementsAre("removeIndex", "dropTable"));
  EXPECT_EQ(std::get<RemoveIndex>(down.operations[0]).table, "users");
}

TEST(DeriveDown, KeepsTheOriginOfTheOperationItUndoes) {
  const DerivedDown undo = derive("up:\n  - addColumn: { table: t, column: c, type: TEXT }\n");
  EXPECT_EQ(origin_of(undo.operations.at(0)).location.line, 2);
  EXPECT_EQ(origin_of(undo.operations.at(0)).location.column, 5);
}

TEST(DeriveDown, DeletesExactlyTheInsertedRows) {
  const DerivedDown down = derive(R"(up:
  - bulkInsert:
      table: products
      rows:
        - { sku: A-1, price: 9.90, note: null }
        - { sku: B-2, price: 12, note: gift }
)");
  ASSERT_FALSE(down.irreversible);
  ASSERT_EQ(down.operations.size(), 2u);
  const auto& last_row = std::get<BulkDelete>(down.operations[0]);
  EXPECT_EQ(last_row.table, "products");
  ASSERT_EQ(last_row.where.conditions.size(), 3u);
  EXPECT_EQ(last_row.where.conditions[0].column, "sku");
  EXPECT_EQ(last_row.where.conditions[0].op, WhereOperator::eq);
  EXPECT_EQ(std::get<std::string>(last_row.where.conditions[0].operands.at(0).literal), "B-2");
  EXPECT_EQ(std::get<std::int64_t>(last_row.where.conditions[1].operands.at(0).literal), 12);
  const auto& first_row = std::get<BulkDelete>(down.operations[1]);
  EXPECT_EQ(std::get<std::string>(first_row.where.conditions[0].operands.at(0).literal), "A-1");
  EXPECT_EQ(std::get<Decimal>(first_row.where.conditions[1].operands.at(0).literal).text, "9.90");
  EXPECT_EQ(first_row.where.conditions[2].op, WhereOperator::is);  // null matches with IS NULL
  EXPECT_TRUE(first_row.where.conditions[2].operands.at(0).is_null());
  EXPECT_EQ(first_row.where.location.line, 5);
}

TEST(DeriveDown, NamesTheFirstIrreversibleOperationAndWhereItIs) {
  const DerivedDown down = derive(R"(up:
  - addColumn: { table: t, column: c, type: TEXT }
  - changeColumn: { table: t, column: c, type: STRING(20) }
  - dropTable: { table: old }
)");
  EXPECT_TRUE(down.operations.empty());
  ASSERT_TRUE(down.irreversible);
  EXPECT_EQ(down.irreversible->operation, "changeColumn");
  EXPECT_EQ(down.irreversible->location.line, 3);
  EXPECT_EQ(down.irreversible->location.column, 5);
  EXPECT_EQ(describe(*down.irreversible),
            testing::at(3, 5) +
                "changeColumn cannot be undone automatically: the column's previous definition "
                "is not in the unit; write a down list for this unit");
}

TEST(DeriveDown, FindsEveryIrreversibleOperation) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"dropTable: { table: t }", "dropTable"},
      {"removeColumn: { table: t, column: c }", "removeColumn"},
      {"changeColumn: { table: t, column: c, type: TEXT }", "changeColumn"},
      {"bulkDelete: { table: t, where: { id: 1 } }", "bulkDelete"},
      {"sql: DELETE FROM t", "sql"},
      {"removeIndex: { table: t, name: i }", "removeIndex"},
      {"removeConstraint: { table: t, name: k }", "removeConstraint"},
  };
  for (const auto& [operation, name] : cases) {
    const DerivedDown down = derive("up:\n  - " + operation + "\n");
    ASSERT_TRUE(down.irreversible) << operation;
    EXPECT_EQ(down.irreversible->operation, name);
    EXPECT_FALSE(down.irreversible->reason.empty());
  }
}

TEST(DeriveDown, InvertsTheDiscountCodeExampleToItsWrittenDown) {
  const DeclarativeUnit unit = load(R"(up:
  - addColumn:
      table: orders
      column: discount_code
      type: STRING(50)
      allowNull: true
      after: status
  - addIndex:
      table: orders
      fields: [discount_code]
      name: orders_discount_code_idx
      where: { discount_code: { ne: null } }
)");
  const DerivedDown down = derive_down(unit.up);
  ASSERT_FALSE(down.irreversible);
  ASSERT_EQ(down.operations.size(), 2u);
  const auto& index = std::get<RemoveIndex>(down.operations[0]);
  EXPECT_EQ(index.table, "orders");
  EXPECT_EQ(index.name, "orders_discount_code_idx");
  const auto& column = std::get<RemoveColumn>(down.operations[1]);
  EXPECT_EQ(column.table, "orders");
  EXPECT_EQ(column.column, "discount_code");
}

TEST(DeriveDown, GivesAnEmptyListForAnEmptyUp) {
  const DerivedDown down = derive_down({});
  EXPECT_FALSE(down.irreversible);
  EXPECT_TRUE(down.operations.empty());
}

}  // namespace
}  // namespace forge::declarative
