// The declarative example (migrations-examples/ecommerce-yaml) on every dialect, checked through
// each database's own catalog, never through forge: column types, nullability, defaults, keys,
// foreign keys and their ON DELETE, partial indexes, enums and checks; then undone and applied
// again. Also: hostile names and values, CREATE INDEX CONCURRENTLY, and --dry-run on servers.
// The MySQL expectations are MariaDB's (the server scripts/test starts).
#include <filesystem>
#include <stdexcept>

#include "dialect_test.hpp"

#ifndef FORGE_EXAMPLE_YAML_MIGRATIONS
#error "FORGE_EXAMPLE_YAML_MIGRATIONS must name migrations-examples/ecommerce-yaml/migrations"
#endif

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<std::string> k_tables = {"users", "products", "orders", "order_items"};
const std::string k_hostile_table = R"(x"; DROP TABLE users; --)";
const std::string k_backtick_table = "y`; DROP TABLE users; --";
const std::string k_hostile_value = "'); DROP TABLE users; --";
const std::string k_backslash_value = R"(\'); DROP TABLE users; --)";

// A createTable and a bulkInsert whose table name and values try to end the statement.
const char* k_hostile_unit = R"yaml(up:
  - createTable:
      table: 'x"; DROP TABLE users; --'
      columns:
        id: { type: INTEGER, primaryKey: true }
        note: TEXT
  - bulkInsert:
      table: 'x"; DROP TABLE users; --'
      rows:
        - { id: 1, note: "'); DROP TABLE users; --" }
        - { id: 2, note: "\\'); DROP TABLE users; --" }
)yaml";

const char* k_backtick_unit = R"yaml(up:
  - createTable:
      table: 'y`; DROP TABLE users; --'
      columns:
        id: { type: INTEGER, primaryKey: true }
)yaml";

const char* k_concurrent_index_unit = R"yaml(up:
  - addIndex: { table: products, name: products_name_idx, fields: [name], concurrently: true }
)yaml";

class DeclarativeSchema : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    std::filesystem::copy(FORGE_EXAMPLE_YAML_MIGRATIONS, project.path("migrations"),
                          std::filesystem::copy_options::recursive);
  }

  /// One line per row of `SELECT <row> FROM <from> ORDER BY <order>`, read in one query.
  std::vector<std::string> rows(const std::string& row, const std::string& from,
                                const std::string& order) const {
    if (dialect() == "postgres")
      return lines_of(db().scalar("SELECT string_agg(" + row + ", E'\\n' ORDER BY " + order +
                                  ") FROM " + from));
    if (dialect() == "mysql")
      return lines_of(db().scalar("SELECT GROUP_CONCAT(" + row + " ORDER BY " + order +
                                  " SEPARATOR '\\n') FROM " + from));
    return lines_of(db().scalar("SELECT group_concat(r, char(10)) FROM (SELECT " + row +
                                " AS r FROM " + from + " ORDER BY " + order + ")"));
  }
  /// `name` quoted as the dialect quotes identifiers.
  std::string quoted(const std::string& name) const {
    const char quote = dialect() == "mysql" ? '`' : '"';
    std::string out(1, quote);
    for (char c : name) {
      out += c;
      if (c == quote) out += quote;
    }
    return out + quote;
  }

  void expect_example_schema() const;
  void expect_sqlite_schema() const;
  void expect_postgres_schema() const;
  void expect_mysql_schema() const;
  void expect_constraints_hold() const;
  void expect_nothing_but_the_history() const;
};

// --- SQLite: pragma_table_info, pragma_foreign_key_list, pragma_index_list, sqlite_master ---

void DeclarativeSchema::expect_sqlite_schema() const {
  const auto columns = [&](const std::string& table) {
    return rows(
        "name || '|' || type || '|' || \"notnull\" || '|' || coalesce(dflt_value, '-') || "
        "'|' || pk",
        "pragma_table_info('" + table + "')", "cid");
  };
  const auto sql_of = [&](const std::string& name) {
    return db().scalar("SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
  };
  const std::string created_at = "created_at|DATETIME|1|CURRENT_TIMESTAMP|0";
  const std::string updated_at = "updated_at|DATETIME|1|CURRENT_TIMESTAMP|0";
  EXPECT_THAT(
      columns("users"),
      ElementsAre("id|INTEGER|0|-|1", "full_name|VARCHAR(255)|1|-|0", "email|VARCHAR(255)|1|-|0",
                  "password_hash|VARCHAR(255)|1|-|0", created_at, updated_at));
  EXPECT_THAT(columns("products"),
              ElementsAre("id|INTEGER|0|-|1", "name|VARCHAR(200)|1|-|0", "description|TEXT|0|-|0",
                          "price_cents|INTEGER|1|-|0", "stock|INTEGER|1|0|0",
                          "active|TINYINT(1)|1|1|0", created_at, updated_at));
  EXPECT_THAT(columns("orders"),
              ElementsAre("id|INTEGER|0|-|1", "user_id|BIGINT|1|-|0", "status|TEXT|1|'pending'|0",
                          "total_cents|INTEGER|1|0|0", created_at, updated_at,
                          "discount_code|VARCHAR(50)|0|-|0"));
  EXPECT_THAT(columns("order_items"),
              ElementsAre("id|INTEGER|0|-|1", "order_id|BIGINT|1|-|0", "product_id|BIGINT|1|-|0",
                          "quantity|INTEGER|1|-|0", "unit_price_cents|INTEGER|1|-|0", created_at,
                          updated_at));
  for (const auto& table : k_tables)
    EXPECT_THAT(sql_of(table), HasSubstr("\"id\" INTEGER PRIMARY KEY AUTOINCREMENT")) << table;

  const std::string foreign_key =
      "\"from\" || '->' || \"table\" || '.' || \"to\" || ' ' || on_delete";
  EXPECT_THAT(rows(foreign_key, "pragma_foreign_key_list('orders')", "\"from\""),
              ElementsAre("user_id->users.id RESTRICT"));
  EXPECT_THAT(rows(foreign_key, "pragma_foreign_key_list('order_items')", "\"from\""),
              ElementsAre("order_id->orders.id CASCADE", "product_id->products.id RESTRICT"));

  const auto indexes = [&](const std::string& table) {
    return rows("name || '|' || \"unique\" || '|' || origin || '|' || partial",
                "pragma_index_list('" + table + "')", "name");
  };
  EXPECT_THAT(indexes("users"), ElementsAre("sqlite_autoindex_users_1|1|u|0"));
  EXPECT_THAT(indexes("orders"),
              ElementsAre("orders_discount_code_idx|0|c|1", "orders_user_id_idx|0|c|0"));
  EXPECT_THAT(indexes("order_items"),
              ElementsAre("order_items_order_id_idx|0|c|0", "order_items_product_id_idx|0|c|0"));
  EXPECT_THAT(sql_of("orders_discount_code_idx"), HasSubstr("WHERE \"discount_code\" IS NOT NULL"));

  // ENUM and BOOLEAN carry no CHECK, as on a table sequelize made.
  EXPECT_THAT(sql_of("orders"), Not(HasSubstr("CHECK (\"status\"")));
  EXPECT_THAT(sql_of("order_items"),
              HasSubstr("CONSTRAINT \"order_items_quantity_check\" CHECK (\"quantity\" > 0)"));
  EXPECT_THAT(sql_of("products"), Not(HasSubstr("CHECK (\"active\"")));
}

// --- PostgreSQL: information_schema.columns, pg_constraint, pg_indexes, pg_index, pg_enum ---

void DeclarativeSchema::expect_postgres_schema() const {
  const auto columns = [&](const std::string& table) {
    return rows(
        "column_name || '|' || CASE WHEN data_type = 'USER-DEFINED' THEN udt_name ELSE data_type "
        "END || coalesce('(' || character_maximum_length || ')', '') || '|' || is_nullable || '|' "
        "|| coalesce(column_default, '-') || '|' || is_identity",
        "information_schema.columns WHERE table_schema = current_schema() AND table_name = '" +
            table + "'",
        "ordinal_position");
  };
  const std::string created_at = "created_at|timestamp with time zone|NO|CURRENT_TIMESTAMP|NO";
  const std::string updated_at = "updated_at|timestamp with time zone|NO|CURRENT_TIMESTAMP|NO";
  // autoIncrement makes a serial column (a sequence as its default), as sequelize does.
  const auto id = [](const std::string& table) {
    return "id|bigint|NO|nextval('" + table + "_id_seq'::regclass)|NO";
  };
  EXPECT_THAT(columns("users"),
              ElementsAre(id("users"), "full_name|character varying(255)|NO|-|NO",
                          "email|character varying(255)|NO|-|NO",
                          "password_hash|character varying(255)|NO|-|NO", created_at, updated_at));
  EXPECT_THAT(
      columns("products"),
      ElementsAre(id("products"), "name|character varying(200)|NO|-|NO",
                  "description|text|YES|-|NO", "price_cents|integer|NO|-|NO",
                  "stock|integer|NO|0|NO", "active|boolean|NO|true|NO", created_at, updated_at));
  EXPECT_THAT(columns("orders"),
              ElementsAre(id("orders"), "user_id|bigint|NO|-|NO",
                          "status|enum_orders_status|NO|'pending'::enum_orders_status|NO",
                          "total_cents|integer|NO|0|NO", created_at, updated_at,
                          "discount_code|character varying(50)|YES|-|NO"));
  EXPECT_THAT(columns("order_items"),
              ElementsAre(id("order_items"), "order_id|bigint|NO|-|NO", "product_id|bigint|NO|-|NO",
                          "quantity|integer|NO|-|NO", "unit_price_cents|integer|NO|-|NO",
                          created_at, updated_at));

  // Keys, foreign keys (confdeltype: r = RESTRICT, c = CASCADE) and checks.
  const auto constraints = [&](const std::string& table) {
    return rows(
        "conname || ' ' || contype::text || ' ' || CASE WHEN contype = 'f' THEN "
        "confdeltype::text ELSE '-' END || ' ' || pg_get_constraintdef(oid)",
        "pg_constraint WHERE conrelid = '" + table + "'::regclass", "conname");
  };
  EXPECT_THAT(constraints("users"),
              ElementsAre("users_email_key u - UNIQUE (email)", "users_pkey p - PRIMARY KEY (id)"));
  EXPECT_THAT(constraints("products"),
              ElementsAre("products_pkey p - PRIMARY KEY (id)",
                          "products_price_cents_check c - CHECK ((price_cents >= 0))",
                          "products_stock_check c - CHECK ((stock >= 0))"));
  EXPECT_THAT(
      constraints("orders"),
      ElementsAre("orders_pkey p - PRIMARY KEY (id)",
                  "orders_total_cents_check c - CHECK ((total_cents >= 0))",
                  "orders_user_id_fkey f r FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE "
                  "RESTRICT"));
  EXPECT_THAT(
      constraints("order_items"),
      ElementsAre("order_items_order_id_fkey f c FOREIGN KEY (order_id) REFERENCES "
                  "orders(id) ON DELETE CASCADE",
                  "order_items_pkey p - PRIMARY KEY (id)",
                  "order_items_product_id_fkey f r FOREIGN KEY (product_id) REFERENCES "
                  "products(id) ON DELETE RESTRICT",
                  "order_items_quantity_check c - CHECK ((quantity > 0))",
                  "order_items_unit_price_cents_check c - CHECK ((unit_price_cents >= 0))"));

  EXPECT_THAT(
      rows("indexdef", "pg_indexes WHERE schemaname = 'public' AND tablename = 'orders'",
           "indexname"),
      ElementsAre("CREATE INDEX orders_discount_code_idx ON public.orders USING btree "
                  "(discount_code) WHERE (discount_code IS NOT NULL)",
                  "CREATE UNIQUE INDEX orders_pkey ON public.orders USING btree (id)",
                  "CREATE INDEX orders_user_id_idx ON public.orders USING btree (user_id)"));
  EXPECT_THAT(
      rows("indexdef", "pg_indexes WHERE schemaname = 'public' AND tablename = 'order_items'",
           "indexname"),
      ElementsAre("CREATE INDEX order_items_order_id_idx ON public.order_items USING "
                  "btree (order_id)",
                  "CREATE UNIQUE INDEX order_items_pkey ON public.order_items USING btree "
                  "(id)",
                  "CREATE INDEX order_items_product_id_idx ON public.order_items USING "
                  "btree (product_id)"));
  // The only partial index in the database, and its predicate.
  EXPECT_THAT(rows("indexrelid::regclass::text || ' ' || pg_get_expr(indpred, indrelid)",
                   "pg_index WHERE indpred IS NOT NULL", "indexrelid"),
              ElementsAre("orders_discount_code_idx (discount_code IS NOT NULL)"));

  EXPECT_THAT(
      rows("enumlabel", "pg_enum WHERE enumtypid = 'enum_orders_status'::regtype", "enumsortorder"),
      ElementsAre("pending", "processing", "shipped", "delivered", "cancelled"));
}

// --- MySQL / MariaDB: information_schema COLUMNS, STATISTICS, KEY_COLUMN_USAGE, checks ---

void DeclarativeSchema::expect_mysql_schema() const {
  // MariaDB shows a NULL default as the text NULL and quotes text defaults; both read as "-"
  // and bare text here.
  const auto columns = [&](const std::string& table) {
    return rows(
        "CONCAT(COLUMN_NAME, '|', COLUMN_TYPE, '|', IS_NULLABLE, '|', CASE WHEN COLUMN_DEFAULT IS "
        "NULL OR COLUMN_DEFAULT = 'NULL' THEN '-' ELSE LOWER(TRIM(BOTH '''' FROM COLUMN_DEFAULT)) "
        "END, '|', COLUMN_KEY, '|', EXTRA)",
        "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table +
            "'",
        "ORDINAL_POSITION");
  };
  const std::string created_at = "created_at|datetime|NO|current_timestamp()||";
  const std::string updated_at = "updated_at|datetime|NO|current_timestamp()||";
  const std::string id = "id|bigint(20)|NO|-|PRI|auto_increment";
  EXPECT_THAT(columns("users"),
              ElementsAre(id, "full_name|varchar(255)|NO|-||", "email|varchar(255)|NO|-|UNI|",
                          "password_hash|varchar(255)|NO|-||", created_at, updated_at));
  EXPECT_THAT(columns("products"),
              ElementsAre(id, "name|varchar(200)|NO|-||", "description|text|YES|-||",
                          "price_cents|int(11)|NO|-||", "stock|int(11)|NO|0||",
                          "active|tinyint(1)|NO|1||", created_at, updated_at));
  // discount_code comes right after status: `after` took effect.
  EXPECT_THAT(
      columns("orders"),
      ElementsAre(id, "user_id|bigint(20)|NO|-|MUL|",
                  "status|enum('pending','processing','shipped','delivered','cancelled')|NO|"
                  "pending||",
                  "discount_code|varchar(50)|YES|-|MUL|", "total_cents|int(11)|NO|0||", created_at,
                  updated_at));
  EXPECT_EQ(db().scalar("SELECT GROUP_CONCAT(ORDINAL_POSITION ORDER BY ORDINAL_POSITION) FROM "
                        "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                        "TABLE_NAME = 'orders' AND COLUMN_NAME IN ('status', 'discount_code')"),
            "3,4");
  EXPECT_THAT(columns("order_items"),
              ElementsAre(id, "order_id|bigint(20)|NO|-|MUL|", "product_id|bigint(20)|NO|-|MUL|",
                          "quantity|int(11)|NO|-||", "unit_price_cents|int(11)|NO|-||", created_at,
                          updated_at));

  // information_schema sorts without regard to case, and `_` after letters.
  const auto indexes = [&](const std::string& table) {
    return rows("CONCAT(INDEX_NAME, '|', NON_UNIQUE, '|', COLUMN_NAME)",
                "information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" +
                    table + "'",
                "INDEX_NAME, SEQ_IN_INDEX");
  };
  EXPECT_THAT(indexes("users"), ElementsAre("email|0|email", "PRIMARY|0|id"));
  // No index of forge's own for a foreign key: InnoDB made one (named after the column) for
  // each and dropped it when the unit's own index on that column came, as it does for
  // sequelize's tables.
  EXPECT_THAT(indexes("orders"), ElementsAre("orders_discount_code_idx|1|discount_code",
                                             "orders_user_id_idx|1|user_id", "PRIMARY|0|id"));
  EXPECT_THAT(indexes("order_items"),
              ElementsAre("order_items_order_id_idx|1|order_id",
                          "order_items_product_id_idx|1|product_id", "PRIMARY|0|id"));

  EXPECT_THAT(
      rows("CONCAT(k.TABLE_NAME, '.', k.COLUMN_NAME, '->', k.REFERENCED_TABLE_NAME, '.', "
           "k.REFERENCED_COLUMN_NAME, ' ', r.DELETE_RULE)",
           "information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS "
           "r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = "
           "k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = DATABASE()",
           "k.TABLE_NAME, k.COLUMN_NAME"),
      ElementsAre("orders.user_id->users.id RESTRICT", "order_items.order_id->orders.id CASCADE",
                  "order_items.product_id->products.id RESTRICT"));

  EXPECT_THAT(
      rows("CONCAT(t.TABLE_NAME, '.', c.CONSTRAINT_NAME, ': ', c.CHECK_CLAUSE)",
           "information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c ON "
           "c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
           "WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA = DATABASE()",
           "t.TABLE_NAME, c.CONSTRAINT_NAME"),
      ElementsAre("orders.orders_total_cents_check: `total_cents` >= 0",
                  "order_items.order_items_quantity_check: `quantity` > 0",
                  "order_items.order_items_unit_price_cents_check: `unit_price_cents` >= 0",
                  "products.products_price_cents_check: `price_cents` >= 0",
                  "products.products_stock_check: `stock` >= 0"));
}

void DeclarativeSchema::expect_example_schema() const {
  for (const auto& table : k_tables) EXPECT_TRUE(db().has_table(table)) << table;
  if (dialect() == "sqlite") expect_sqlite_schema();
  if (dialect() == "postgres") expect_postgres_schema();
  if (dialect() == "mysql") expect_mysql_schema();
}

// What the schema does with rows: defaults, the enum, the quantity check, the foreign keys.
void DeclarativeSchema::expect_constraints_hold() const {
  // SQLite enforces foreign keys only when a session asks to.
  const std::string enforce = dialect() == "sqlite" ? "PRAGMA foreign_keys = ON; " : "";
  db().execute(
      "INSERT INTO users (full_name, email, password_hash) VALUES ('Ada', 'ada@example.com', 'x')");
  db().execute("INSERT INTO products (name, price_cents) VALUES ('Mug', 1250)");
  db().execute("INSERT INTO orders (user_id) SELECT id FROM users");
  EXPECT_EQ(db().scalar("SELECT status FROM orders"), "pending");
  EXPECT_EQ(db().scalar("SELECT total_cents FROM orders"), "0");
  EXPECT_EQ(db().scalar("SELECT count(*) FROM orders WHERE discount_code IS NULL"), "1");
  const std::string lost = "INSERT INTO orders (user_id, status) SELECT id, 'lost' FROM users";
  if (dialect() == "sqlite") {
    // An ENUM is plain TEXT on SQLite, as sequelize makes it: only sequelize's own validation
    // (or the unit's) keeps other values out.
    db().execute(lost);
    db().execute("DELETE FROM orders WHERE status = 'lost'");
  } else {
    EXPECT_THROW(db().execute(lost), std::runtime_error);
  }

  const auto with_quantity = [](const std::string& quantity) {
    return "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) "
           "SELECT o.id, p.id, " +
           quantity + ", 1250 FROM orders o, products p";
  };
  EXPECT_THROW(db().execute(with_quantity("0")), std::runtime_error) << "quantity 0 was accepted";
  EXPECT_EQ(db().count("order_items"), 0);
  EXPECT_NO_THROW(db().execute(with_quantity("2")));
  EXPECT_EQ(db().count("order_items"), 1);

  EXPECT_THROW(db().execute(enforce + "DELETE FROM users"), std::runtime_error)
      << "ON DELETE RESTRICT let a user with orders go";
  EXPECT_THROW(db().execute(enforce + "DELETE FROM products"), std::runtime_error)
      << "ON DELETE RESTRICT let an ordered product go";
  db().execute(enforce + "DELETE FROM orders");
  EXPECT_EQ(db().count("order_items"), 0) << "ON DELETE CASCADE left the order's items";
}

// After undo:all: no table, index or type of the example is left, only forge's history table.
void DeclarativeSchema::expect_nothing_but_the_history() const {
  for (const auto& table : k_tables) EXPECT_FALSE(db().has_table(table)) << table;
  EXPECT_THAT(db().history(), IsEmpty());
  if (dialect() == "sqlite") {
    EXPECT_EQ(db().scalar("SELECT group_concat(name) FROM sqlite_master WHERE tbl_name NOT IN "
                          "('ForgeMeta', 'sqlite_sequence')"),
              "");
  } else if (dialect() == "postgres") {
    EXPECT_EQ(db().scalar("SELECT string_agg(relname, ',') FROM pg_class WHERE relnamespace = "
                          "'public'::regnamespace AND relname NOT IN ('ForgeMeta', "
                          "'ForgeMeta_pkey')"),
              "");
    EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_type WHERE typname = 'enum_orders_status'"),
              "0");
  } else {
    EXPECT_EQ(db().scalar("SELECT GROUP_CONCAT(TABLE_NAME) FROM information_schema.TABLES WHERE "
                          "TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> 'ForgeMeta'"),
              "");
  }
}

TEST_P(DeclarativeSchema, TheExampleBuildsItsSchemaUndoesItAllAndBuildsItAgain) {
  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(occurrences(migrated.out, ": migrated ("), 5u) << migrated;
  {
    SCOPED_TRACE("first db:migrate");
    expect_example_schema();
    expect_constraints_hold();
  }

  const auto undone = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(occurrences(undone.out, ": reverted ("), 5u) << undone;
  expect_nothing_but_the_history();

  const auto again = forge_db({"db:migrate"});
  ASSERT_EQ(again.exit_code, 0) << again;
  {
    SCOPED_TRACE("db:migrate after db:migrate:undo:all");
    expect_example_schema();
    expect_constraints_hold();
  }
}

TEST_P(DeclarativeSchema, HostileNamesAndValuesAreStoredVerbatimAndRunNothing) {
  project.write("migrations/20240315110000-hostile-names.yaml", k_hostile_unit);
  if (dialect() == "mysql")
    project.write("migrations/20240315110100-backtick-name.mysql.yaml", k_backtick_unit);

  const auto migrated = forge_db({"db:migrate"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_TRUE(db().has_table(k_hostile_table));
  EXPECT_TRUE(db().has_table("users")) << "a name ran as SQL";
  const std::string hostile = quoted(k_hostile_table);
  EXPECT_EQ(db().scalar("SELECT note FROM " + hostile + " WHERE id = 1"), k_hostile_value);
  EXPECT_EQ(db().scalar("SELECT note FROM " + hostile + " WHERE id = 2"), k_backslash_value);
  EXPECT_EQ(db().scalar("SELECT count(*) FROM " + hostile), "2");
  if (dialect() == "mysql") {
    EXPECT_TRUE(db().has_table(k_backtick_table));
  }

  const auto undone = forge_db({"db:migrate:undo", "--step", dialect() == "mysql" ? "2" : "1"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table(k_hostile_table));
  EXPECT_FALSE(db().has_table(k_backtick_table));
  EXPECT_TRUE(db().has_table("users"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, DeclarativeSchema, k_all_dialects, dialect_name);

using DeclarativeDryRun = DeclarativeSchema;

TEST_P(DeclarativeDryRun, PrintsTheSqlAndLeavesTheDatabaseUntouched) {
  const auto dry = forge_db({"db:migrate", "--dry-run"});

  ASSERT_EQ(dry.exit_code, 0) << dry;
  EXPECT_EQ(occurrences(dry.out, "CREATE TABLE "), 4u) << dry;
  EXPECT_THAT(dry.out, HasSubstr("5 unit(s) would be migrated")) << dry;
  if (dialect() == "postgres") {
    EXPECT_THAT(dry.out, HasSubstr("CREATE TYPE \"enum_orders_status\" AS ENUM")) << dry;
    EXPECT_THAT(dry.out, HasSubstr("WHERE \"discount_code\" IS NOT NULL")) << dry;
    EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_class WHERE relnamespace = "
                          "'public'::regnamespace"),
              "0");
    EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_type WHERE typnamespace = "
                          "'public'::regnamespace"),
              "0");
  } else {
    EXPECT_THAT(dry.out, HasSubstr("ADD COLUMN `discount_code` VARCHAR(50) AFTER `status`")) << dry;
    EXPECT_THAT(dry.out, Not(HasSubstr("IS NOT NULL"))) << "the MySQL variant has no partial index";
    EXPECT_EQ(db().scalar("SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                          "DATABASE()"),
              "0");
  }
  EXPECT_FALSE(db().has_table("ForgeMeta"));
  for (const auto& table : k_tables) EXPECT_FALSE(db().has_table(table)) << table;
}

INSTANTIATE_TEST_SUITE_P(Servers, DeclarativeDryRun, k_server_dialects, dialect_name);

using DeclarativePostgres = DeclarativeSchema;

TEST_P(DeclarativePostgres, AConcurrentIndexIsBuiltOutsideATransactionAndIsValid) {
  project.write("migrations/20240315110000-index-product-names.yaml", k_concurrent_index_unit);

  const auto migrated = forge_db({"db:migrate", "--verbose"});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(migrated.err, HasSubstr("CREATE INDEX CONCURRENTLY \"products_name_idx\""))
      << migrated;
  EXPECT_EQ(db().scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = "
                        "'products_name_idx'::regclass"),
            "true");
  EXPECT_EQ(db().state("20240315110000-index-product-names"), "applied");
  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'products_name_idx'"),
            "0");
}

INSTANTIATE_TEST_SUITE_P(Postgres, DeclarativePostgres, ::testing::Values("postgres"),
                         dialect_name);

}  // namespace
}  // namespace forge::e2e
