// The SQL the SQLite renderer writes, run on a real temporary database file: the e-commerce
// schema up, down (derived) and up again, checked through sqlite_master and the pragmas.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "declarative/inverse.hpp"
#include "dialect/render_helpers.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect::sqlite {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const std::string k_shop = R"yaml(up:
  - createTable:
      table: users
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        email: { type: STRING(255), allowNull: false, unique: true }
        name: { type: STRING(100), comment: shown on invoices }
      timestamps: true
  - createTable:
      table: products
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        sku: { type: STRING(32), allowNull: false, unique: true }
        price: { type: 'DECIMAL(10, 2)', allowNull: false, defaultValue: 0 }
        active: { type: BOOLEAN, allowNull: false, defaultValue: true }
        data: JSONB
        image: BLOB
        ref: UUID
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
        placed_on: { type: DATEONLY, defaultValue: NOW }
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
  - addIndex: { table: orders, name: orders_user_status_idx, fields: [user_id, { name: status, order: DESC }] }
  - bulkInsert:
      table: products
      rows:
        - { sku: MUG-1, price: 12.50, active: true }
        - { sku: "TEE-'1'", price: 20, active: false }
)yaml";

const std::string k_discount_code = R"(up:
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
)";

class SqliteRendererOnDiskTest : public ::testing::Test {
 protected:
  SqliteRendererOnDiskTest()
      : m_db((m_folder.path() / "shop.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
        m_renderer([this](const std::string& table) { return read_table_schema(m_db, table); }) {}

  void run(const std::vector<declarative::Operation>& operations) {
    SQLite::Transaction transaction(m_db);
    for (const auto& operation : operations)
      for (const std::string& statement : m_renderer.render(operation)) m_db.exec(statement);
    transaction.commit();
  }
  void down(const std::string& yaml) {
    const declarative::DerivedDown derived = declarative::derive_down(testing::up(yaml));
    ASSERT_FALSE(derived.irreversible);
    run(derived.operations);
  }
  std::string text(const std::string& query) { return m_db.execAndGet(query).getString(); }
  // `name|type|notnull|default|pk` of each column, from PRAGMA table_info.
  std::vector<std::string> columns(const std::string& table) {
    SQLite::Statement query(m_db,
                            "SELECT name || '|' || type || '|' || \"notnull\" || '|' || "
                            "coalesce(dflt_value, '-') || '|' || pk "
                            "FROM pragma_table_info(?1) ORDER BY cid");
    query.bind(1, table);
    std::vector<std::string> out;
    while (query.executeStep()) out.push_back(query.getColumn(0).getString());
    return out;
  }
  std::vector<std::string> tables() {
    SQLite::Statement query(m_db,
                            "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                            "name NOT LIKE 'sqlite_%' ORDER BY name");
    std::vector<std::string> out;
    while (query.executeStep()) out.push_back(query.getColumn(0).getString());
    return out;
  }

  forge::testing::TempFolder m_folder;
  SQLite::Database m_db;
  SqliteRenderer m_renderer;
};

TEST_F(SqliteRendererOnDiskTest, TheShopSchemaIsValidSqlAndWhatItSays) {
  run(testing::up(k_shop));
  EXPECT_THAT(tables(), ElementsAre("order_items", "orders", "products", "users"));
  EXPECT_THAT(
      columns("orders"),
      ElementsAre("id|INTEGER|0|-|1", "user_id|INTEGER|1|-|0", "status|TEXT|1|'pending'|0",
                  "placed_on|DATE|0|CURRENT_DATE|0", "created_at|DATETIME|1|CURRENT_TIMESTAMP|0",
                  "updated_at|DATETIME|1|CURRENT_TIMESTAMP|0"));
  EXPECT_THAT(
      columns("order_items"),
      ElementsAre("order_id|INTEGER|1|-|1", "product_id|INTEGER|1|-|2", "quantity|INTEGER|1|-|0"));
  EXPECT_EQ(text("SELECT group_concat(\"table\" || '.' || \"to\" || ' ' || on_delete, ',') "
                 "FROM pragma_foreign_key_list('order_items')"),
            "products.id NO ACTION,orders.id CASCADE");
  EXPECT_EQ(text("SELECT group_concat(sku || '=' || price || '/' || active, ',') FROM products"),
            "MUG-1=12.5/1,TEE-'1'=20/0");
  EXPECT_EQ(text("SELECT group_concat(name || ':' || \"desc\", ',') FROM "
                 "pragma_index_xinfo('orders_user_status_idx') WHERE cid >= 0"),
            "user_id:0,status:1");

  m_db.exec("INSERT INTO users (email) VALUES ('a@x')");
  m_db.exec("INSERT INTO orders (user_id) VALUES (1)");
  EXPECT_EQ(text("SELECT status FROM orders"), "pending");
  // ENUM and BOOLEAN are TEXT and TINYINT(1) without a CHECK, as sequelize makes them.
  EXPECT_EQ(text("SELECT group_concat(name || ' ' || type, ',') FROM pragma_table_info('products') "
                 "WHERE name = 'active'"),
            "active TINYINT(1)");
  m_db.exec("INSERT INTO orders (user_id, status) VALUES (1, 'lost')");
  EXPECT_THROW(m_db.exec("INSERT INTO order_items VALUES (1, 1, 0)"), SQLite::Exception);
}

TEST_F(SqliteRendererOnDiskTest, TheShopSchemaGoesDownAndUpAgain) {
  run(testing::up(k_shop));
  down(k_shop);
  EXPECT_THAT(tables(), ::testing::IsEmpty());
  run(testing::up(k_shop));
  EXPECT_EQ(text("SELECT count(*) FROM products"), "2");
}

TEST_F(SqliteRendererOnDiskTest, TheDiscountCodeChangeAddsAPartialIndexAndGoesBack) {
  run(testing::up(k_shop));
  run(testing::up(k_discount_code));
  EXPECT_THAT(columns("orders").at(6), "discount_code|VARCHAR(50)|0|-|0");
  EXPECT_EQ(text("SELECT partial FROM pragma_index_list('orders') "
                 "WHERE name = 'orders_discount_code_idx'"),
            "1");
  EXPECT_THAT(text("SELECT sql FROM sqlite_master WHERE name = 'orders_discount_code_idx'"),
              HasSubstr("WHERE \"discount_code\" IS NOT NULL"));
  down(k_discount_code);
  EXPECT_EQ(columns("orders").size(), 6u);
  EXPECT_EQ(text("SELECT count(*) FROM sqlite_master WHERE name = 'orders_discount_code_idx'"),
            "0");
}

TEST_F(SqliteRendererOnDiskTest, AHostileTableNameIsCreatedUnderExactlyThatName) {
  const std::string unit = R"(up:
  - createTable: { table: 'x"; DROP TABLE users; --', columns: { 'a''b"c': TEXT } }
  - bulkInsert: { table: 'x"; DROP TABLE users; --', rows: [{ 'a''b"c': "'); DROP TABLE users; --" }] }
)";
  run(testing::up(k_shop));
  run(testing::up(unit));
  EXPECT_THAT(tables(), ::testing::Contains(testing::k_hostile_table));
  EXPECT_THAT(tables(), ::testing::Contains("users"));
  EXPECT_THAT(columns(testing::k_hostile_table), ElementsAre("a'b\"c|TEXT|0|-|0"));
  EXPECT_EQ(text("SELECT \"a'b\"\"c\" FROM \"x\"\"; DROP TABLE users; --\""),
            "'); DROP TABLE users; --");
  down(unit);
  EXPECT_THAT(tables(), ::testing::Not(::testing::Contains(testing::k_hostile_table)));
}

}  // namespace
}  // namespace forge::dialect::sqlite
