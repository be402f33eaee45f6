// SQLite's table rebuild: the statement sequence pinned against a fixed schema, then run on
// real temporary database files to prove rows, indexes, triggers and views survive it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "dialect/render_helpers.hpp"
#include "dialect/sqlite/sqlite_renderer.hpp"
#include "support/temp_folder.hpp"

namespace forge::dialect::sqlite {
namespace {

using testing::at;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::render;

// The schema of `orders` as an earlier unit might have left it.
TableSchema orders_schema() {
  return TableSchema{
      "CREATE TABLE \"orders\" (\n"
      "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT, -- the key\n"
      "  \"user_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
      "  \"status\" TEXT NOT NULL DEFAULT 'pending' CHECK (\"status\" IN ('pending', 'paid')),\n"
      "  \"note\" TEXT COLLATE NOCASE CONSTRAINT \"note_unique\" UNIQUE,\n"
      "  CONSTRAINT \"orders_note_check\" CHECK (length(note) < 100)\n"
      ")",
      {"CREATE INDEX \"orders_status_idx\" ON \"orders\" (\"status\")",
       "CREATE INDEX \"orders_note_idx\" ON \"orders\" (\"user_id\") WHERE \"note\" IS NOT NULL"},
      {"CREATE TRIGGER \"orders_touch\" AFTER UPDATE ON \"orders\" BEGIN SELECT 1; END"}};
}

class SqliteRebuildTest : public ::testing::Test {
 protected:
  std::vector<std::string> sql(const std::string& yaml) const {
    return render(SqliteRenderer([](const std::string&) { return orders_schema(); }), yaml);
  }
  std::string error(const std::string& yaml) const {
    try {
      sql(yaml);
    } catch (const MigrationFileError& e) {
      return e.what();
    }
    return "(no error)";
  }
};

TEST_F(SqliteRebuildTest, ChangeColumnFollowsTheDocumentedProcedure) {
  EXPECT_THAT(
      sql(R"(up:
  - changeColumn: { table: orders, column: status, type: ENUM, values: [pending, paid, sent], defaultValue: paid }
)"),
      ElementsAre(
          R"(CREATE TEMP TABLE "forge_rebuild_check" ("foreign_keys_off" INTEGER CONSTRAINT "PRAGMA foreign_keys must be OFF to rebuild orders" CHECK ("foreign_keys_off"), "violations" INTEGER CONSTRAINT "foreign keys of orders hold after the rebuild" CHECK ("violations" = 0)))",
          R"(INSERT INTO temp."forge_rebuild_check" ("foreign_keys_off") SELECT foreign_keys = 0 FROM pragma_foreign_keys)",
          "CREATE TABLE \"forge_new_orders\" (\n"
          "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
          "  \"user_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
          "  \"status\" TEXT DEFAULT 'paid',\n"
          "  \"note\" TEXT COLLATE NOCASE CONSTRAINT \"note_unique\" UNIQUE,\n"
          "  CONSTRAINT \"orders_note_check\" CHECK (length(note) < 100)\n"
          ")",
          R"(INSERT INTO "forge_new_orders" ("id", "user_id", "status", "note") SELECT "id", "user_id", "status", "note" FROM "orders")",
          R"(DELETE FROM sqlite_sequence WHERE name = 'forge_new_orders')",
          R"(INSERT INTO sqlite_sequence (name, seq) SELECT 'forge_new_orders', seq FROM sqlite_sequence WHERE name = 'orders' COLLATE NOCASE)",
          R"(DROP TABLE "orders")", "PRAGMA legacy_alter_table = ON",
          R"(ALTER TABLE "forge_new_orders" RENAME TO "orders")", "PRAGMA legacy_alter_table = OFF",
          R"(CREATE INDEX "orders_status_idx" ON "orders" ("status"))",
          R"(CREATE INDEX "orders_note_idx" ON "orders" ("user_id") WHERE "note" IS NOT NULL)",
          R"(CREATE TRIGGER "orders_touch" AFTER UPDATE ON "orders" BEGIN SELECT 1; END)",
          R"(INSERT INTO temp."forge_rebuild_check" ("violations") SELECT count(*) FROM pragma_foreign_key_check('orders'))",
          R"(DROP TABLE temp."forge_rebuild_check")"));
}

TEST_F(SqliteRebuildTest, ChangeColumnKeepsTheKeyAndSetsAutoIncrementAsWritten) {
  const auto statements =
      sql("up:\n  - changeColumn: { table: orders, column: id, type: BIGINT }\n");
  EXPECT_THAT(statements.at(2), HasSubstr("\n  \"id\" INTEGER PRIMARY KEY,\n"));
  EXPECT_THAT(statements.at(4), HasSubstr("DROP TABLE"));  // no counter without AUTOINCREMENT
}

TEST_F(SqliteRebuildTest, ChangeColumnWithAutoIncrementKeepsTheRowidAndItsCounter) {
  const auto statements = sql(
      "up:\n  - changeColumn: { table: orders, column: id, type: BIGINT, autoIncrement: true }\n");
  EXPECT_THAT(statements.at(2), HasSubstr("\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"));
  EXPECT_THAT(statements.at(4), HasSubstr("DELETE FROM sqlite_sequence"));
}

TEST_F(SqliteRebuildTest, ChangeColumnKeepsCollationAndNamedUniqueness) {
  EXPECT_THAT(
      sql("up:\n  - changeColumn: { table: orders, column: note, type: STRING(80), allowNull: "
          "false }\n")
          .at(2),
      HasSubstr(
          "\n  \"note\" VARCHAR(80) NOT NULL COLLATE NOCASE CONSTRAINT \"note_unique\" UNIQUE,\n"));
}

TEST_F(SqliteRebuildTest, RemoveColumnDropsTheConstraintsAndIndexesThatNameIt) {
  const auto statements = sql("up:\n  - removeColumn: { table: orders, column: note }\n");
  EXPECT_EQ(
      statements.at(2),
      "CREATE TABLE \"forge_new_orders\" (\n"
      "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
      "  \"user_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\") ON DELETE SET NULL,\n"
      "  \"status\" TEXT NOT NULL DEFAULT 'pending' CHECK (\"status\" IN ('pending', 'paid'))\n"
      ")");
  EXPECT_EQ(
      statements.at(3),
      R"(INSERT INTO "forge_new_orders" ("id", "user_id", "status") SELECT "id", "user_id", "status" FROM "orders")");
  EXPECT_THAT(statements,
              ::testing::Contains(R"(CREATE INDEX "orders_status_idx" ON "orders" ("status"))"));
  EXPECT_THAT(statements, ::testing::Not(::testing::Contains(HasSubstr("orders_note_idx"))));
}

TEST_F(SqliteRebuildTest, AddAndRemoveConstraint) {
  EXPECT_THAT(sql(R"(up:
  - addConstraint: { table: orders, type: unique, name: orders_user_status, fields: [user_id, status] }
)")
                  .at(2),
              HasSubstr("  CONSTRAINT \"orders_note_check\" CHECK (length(note) < 100),\n"
                        "  CONSTRAINT \"orders_user_status\" UNIQUE (\"user_id\", \"status\")\n)"));
  EXPECT_THAT(sql("up:\n  - removeConstraint: { table: orders, name: orders_note_check }\n").at(2),
              HasSubstr("UNIQUE\n)"));
  EXPECT_THAT(sql("up:\n  - removeConstraint: { table: orders, name: NOTE_UNIQUE }\n").at(2),
              HasSubstr("\n  \"note\" TEXT COLLATE NOCASE,\n"));
}

TEST_F(SqliteRebuildTest, AddsAColumnAlterTableRefusesBeforeTheTableConstraints) {
  EXPECT_THAT(sql(R"(up:
  - addColumn: { table: orders, column: placed_at, type: DATE, allowNull: false, defaultValue: NOW }
)")
                  .at(2),
              HasSubstr("UNIQUE,\n  \"placed_at\" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                        "  CONSTRAINT \"orders_note_check\""));
}

TEST_F(SqliteRebuildTest, NamesTheOperationWhenTheSchemaLacksWhatItNames) {
  EXPECT_EQ(error("up:\n  - removeColumn: { table: orders, column: nope }\n"),
            at(2, 36) + "table 'orders' has no column 'nope'");
  EXPECT_EQ(error("up:\n  - removeConstraint: { table: orders, name: nope }\n"),
            at(2, 40) + "table 'orders' has no constraint named 'nope'");
  EXPECT_EQ(error("up:\n  - changeColumn: { table: orders, column: note, type: INTEGER, "
                  "autoIncrement: true }\n"),
            at(2, 65) +
                "autoIncrement needs column 'note' to be its table's INTEGER PRIMARY KEY on "
                "SQLite, and it is not");
  const SqliteRenderer missing([](const std::string&) { return TableSchema{}; });
  try {
    missing.render(testing::up("up:\n  - removeColumn: { table: gone, column: a }\n").at(0));
    FAIL() << "no error";
  } catch (const MigrationFileError& e) {
    EXPECT_EQ(std::string(e.what()), at(2, 21) + "table 'gone' does not exist");
  }
}

// A real database file, the renderer reading its schema as the runner will.
class SqliteRebuildOnDiskTest : public ::testing::Test {
 protected:
  SqliteRebuildOnDiskTest()
      : m_db((m_folder.path() / "shop.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
        m_renderer([this](const std::string& table) { return read_table_schema(m_db, table); }) {}

  // Renders and runs each up operation of `yaml` in turn, in one transaction.
  void apply(const std::string& yaml) { run(testing::up(yaml)); }
  void run(const std::vector<declarative::Operation>& operations) {
    SQLite::Transaction transaction(m_db);
    for (const auto& operation : operations)
      for (const std::string& statement : m_renderer.render(operation)) m_db.exec(statement);
    transaction.commit();
  }
  std::string text(const std::string& query) { return m_db.execAndGet(query).getString(); }
  std::vector<std::string> column_names(const std::string& table) {
    SQLite::Statement query(m_db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    query.bind(1, table);
    std::vector<std::string> names;
    while (query.executeStep()) names.push_back(query.getColumn(0).getString());
    return names;
  }

  forge::testing::TempFolder m_folder;
  SQLite::Database m_db;
  SqliteRenderer m_renderer;
};

const std::string k_orders = R"(up:
  - createTable:
      table: users
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        email: { type: STRING(255), allowNull: false, unique: true }
  - createTable:
      table: orders
      columns:
        id: { type: INTEGER, primaryKey: true, autoIncrement: true }
        user_id: { type: INTEGER, allowNull: false, references: { table: users, column: id }, onDelete: CASCADE }
        status: { type: ENUM, values: [pending, paid], allowNull: false, defaultValue: pending }
        note: TEXT
  - addIndex: { table: orders, name: orders_status_idx, fields: [status] }
  - addIndex: { table: orders, name: orders_note_idx, fields: [note] }
  - sql: |
      CREATE TRIGGER orders_log AFTER INSERT ON orders BEGIN UPDATE users SET email = email WHERE id = new.user_id; END;
      CREATE VIEW paid_orders AS SELECT id, status FROM orders WHERE status = 'paid'
  - bulkInsert:
      table: users
      rows: [{ email: a@x }, { email: b@x }]
  - bulkInsert:
      table: orders
      rows:
        - { user_id: 1, status: paid, note: first }
        - { user_id: 2, status: pending, note: second }
        - { user_id: 2, status: paid, note: third }
  - bulkDelete: { table: orders, where: { note: third } }
)";

TEST_F(SqliteRebuildOnDiskTest, ChangeColumnKeepsRowsIndexesTriggersViewsAndTheCounter) {
  apply(k_orders);
  apply(R"(up:
  - changeColumn: { table: orders, column: status, type: ENUM, values: [pending, paid, sent], allowNull: false }
)");
  EXPECT_EQ(text("SELECT group_concat(id || ':' || status || ':' || note, ',') FROM orders"),
            "1:paid:first,2:pending:second");
  EXPECT_EQ(text("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE "
                 "tbl_name = 'orders' AND type IN ('index', 'trigger') ORDER BY name)"),
            "orders_log,orders_note_idx,orders_status_idx");
  EXPECT_EQ(text("SELECT count(*) FROM paid_orders"), "1");
  EXPECT_EQ(text("SELECT seq FROM sqlite_sequence WHERE name = 'orders'"), "3");
  m_db.exec("INSERT INTO orders (user_id, status) VALUES (1, 'sent')");
  EXPECT_EQ(text("SELECT max(id) FROM orders"), "4");  // 3 was deleted: not reused
  // As on a table sequelize made, an ENUM is plain TEXT on SQLite: no CHECK of its values.
  m_db.exec("INSERT INTO orders (user_id, status) VALUES (1, 'lost')");
  EXPECT_EQ(text("SELECT count(*) FROM sqlite_master WHERE name LIKE 'forge_%'"), "0");
}

TEST_F(SqliteRebuildOnDiskTest, RemoveColumnDropsItsIndexAndKeepsTheOtherColumns) {
  apply(k_orders);
  apply("up:\n  - removeColumn: { table: orders, column: note }\n");
  EXPECT_THAT(column_names("orders"), ElementsAre("id", "user_id", "status"));
  EXPECT_EQ(text("SELECT count(*) FROM sqlite_master WHERE name = 'orders_note_idx'"), "0");
  EXPECT_EQ(text("SELECT count(*) FROM orders"), "2");
}

TEST_F(SqliteRebuildOnDiskTest, AddConstraintFailsWhenARowBreaksTheNewForeignKey) {
  apply(k_orders);
  apply(R"(up:
  - addColumn: { table: orders, column: coupon_id, type: INTEGER, defaultValue: 7 }
)");
  try {
    apply(R"(up:
  - createTable: { table: coupons, columns: { id: { type: INTEGER, primaryKey: true } } }
  - addConstraint:
      table: orders
      type: foreign key
      name: orders_coupon_fk
      fields: [coupon_id]
      references: { table: coupons, column: id }
)");
    FAIL() << "the rebuild kept rows whose coupon does not exist";
  } catch (const SQLite::Exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("foreign keys of orders hold after the rebuild"));
  }
  EXPECT_EQ(text("SELECT count(*) FROM sqlite_master WHERE name = 'coupons'"), "0");  // rolled back
  EXPECT_EQ(text("SELECT count(*) FROM orders"), "2");
}

TEST_F(SqliteRebuildOnDiskTest, RefusesToRebuildWhileForeignKeysAreEnforced) {
  apply(k_orders);
  m_db.exec("PRAGMA foreign_keys = ON");  // DROP TABLE users would delete every order
  try {
    apply("up:\n  - changeColumn: { table: users, column: email, type: TEXT, allowNull: false }\n");
    FAIL() << "the rebuild ran with foreign keys enforced";
  } catch (const SQLite::Exception& e) {
    EXPECT_THAT(e.what(), HasSubstr("PRAGMA foreign_keys must be OFF to rebuild users"));
  }
  EXPECT_EQ(text("SELECT count(*) FROM orders"), "2");
}

TEST_F(SqliteRebuildOnDiskTest, AddAndRemoveAConstraintByName) {
  apply(k_orders);
  apply(R"(up:
  - addConstraint: { table: orders, type: check, name: orders_note_short, where: { note: { lt: zzz } } }
)");
  EXPECT_THROW(m_db.exec("INSERT INTO orders (user_id, note) VALUES (1, 'zzzz')"),
               SQLite::Exception);
  apply("up:\n  - removeConstraint: { table: orders, name: orders_note_short }\n");
  m_db.exec("INSERT INTO orders (user_id, note) VALUES (1, 'zzzz')");
  EXPECT_EQ(text("SELECT count(*) FROM orders"), "3");
}

TEST_F(SqliteRebuildOnDiskTest, AddsANotNullColumnWithTheCurrentTime) {
  apply(k_orders);
  apply(R"(up:
  - addColumn: { table: orders, column: placed_at, type: DATE, allowNull: false, defaultValue: NOW }
  - addColumn: { table: orders, column: code, type: STRING(8), unique: true }
)");
  EXPECT_THAT(column_names("orders"),
              ElementsAre("id", "user_id", "status", "note", "placed_at", "code"));
  EXPECT_EQ(text("SELECT count(*) FROM orders WHERE placed_at IS NOT NULL"), "2");
}

}  // namespace
}  // namespace forge::dialect::sqlite
