// PostgreSQL's own kinds of unit: PL/pgSQL with dollar quoting, statements that refuse a
// transaction block, units that manage their own transaction, and a schema other than public.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* k_function_and_trigger = R"(-- forge:up
CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, changes INTEGER NOT NULL DEFAULT 0);

CREATE FUNCTION items_normalise() RETURNS trigger AS $$
BEGIN
  -- semicolons inside the body must not end the statement;
  NEW.name := upper(NEW.name);
  NEW.changes := NEW.changes + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION items_label(item_id INTEGER) RETURNS TEXT AS $body$
  SELECT 'item $$ ' || name FROM items WHERE id = item_id;
$body$ LANGUAGE sql STABLE;

CREATE TRIGGER items_normalise BEFORE INSERT OR UPDATE ON items
  FOR EACH ROW EXECUTE FUNCTION items_normalise();

-- forge:down
DROP TRIGGER items_normalise ON items;
DROP FUNCTION items_label(INTEGER);
DROP FUNCTION items_normalise();
DROP TABLE items;
)";

class PostgresUnits : public DialectTest {
 protected:
  void add_table_with_names() {
    add_unit("1-create-names", unit_sql("CREATE TABLE names (id INTEGER PRIMARY KEY, name TEXT);",
                                        "DROP TABLE names;"));
  }
  std::string index_validity(const std::string& index) const {
    return db().scalar("SELECT indisvalid::text FROM pg_index WHERE indexrelid = '" + index +
                       "'::regclass");
  }
};

TEST_P(PostgresUnits, ADollarQuotedPlpgsqlFunctionAndItsTriggerRunAndUndo) {
  add_unit("1-items-with-trigger", k_function_and_trigger);
  add_unit("2-insert-item",
           unit_sql("INSERT INTO items (id, name) VALUES (1, 'widget');", "DELETE FROM items;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().scalar("SELECT name FROM items WHERE id = 1"), "WIDGET") << "the trigger ran";
  EXPECT_EQ(db().scalar("SELECT changes FROM items WHERE id = 1"), "1");
  EXPECT_EQ(db().scalar("SELECT items_label(1)"), "item $$ WIDGET");
  const auto undone = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_proc WHERE proname LIKE 'items_%'"), "0");
}

TEST_P(PostgresUnits, CreateIndexConcurrentlyRunsInATransactionFalseUnit) {
  add_table_with_names();
  add_unit("2-index-names",
           unit_sql("CREATE INDEX CONCURRENTLY names_name_idx ON names (name);",
                    "DROP INDEX CONCURRENTLY names_name_idx;", "-- forge:up transaction:false"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(index_validity("names_name_idx"), "true");
  EXPECT_THAT(db().history(), ElementsAre("1-create-names", "2-index-names"));
  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().scalar("SELECT count(*) FROM pg_indexes WHERE indexname = 'names_name_idx'"), "0");
}

TEST_P(PostgresUnits, CreateIndexConcurrentlyWithoutTheOptionRunsOutsideATransactionWithANotice) {
  add_table_with_names();
  add_unit("2-index-names", unit_sql("-- built without blocking writes\n"
                                     "CREATE INDEX CONCURRENTLY names_name_idx ON names (name);",
                                     "DROP INDEX names_name_idx;"));

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/2-index-names.sql:3")) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot run inside a transaction")) << result;
  EXPECT_EQ(index_validity("names_name_idx"), "true");
  EXPECT_THAT(db().history(), ElementsAre("1-create-names", "2-index-names"));
}

TEST_P(PostgresUnits, AGolangMigrateUnitWithItsOwnBeginAndCommitRunsAsWritten) {
  project.write("migrations/1_create_accounts.up.sql",
                "BEGIN;\n"
                "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL);\n"
                "INSERT INTO accounts VALUES (1, 100);\n"
                "COMMIT;\n");
  project.write("migrations/1_create_accounts.down.sql", "BEGIN;\nDROP TABLE accounts;\nCOMMIT;\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("has its own BEGIN/COMMIT")) << result;
  EXPECT_EQ(db().scalar("SELECT balance FROM accounts WHERE id = 1"), "100");
  EXPECT_EQ(db().state("1_create_accounts"), "applied");
  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_FALSE(db().has_table("accounts"));
}

TEST_P(PostgresUnits, ASearchPathInTheUrlPutsTheTablesAndTheHistoryInThatSchema) {
  db().execute("CREATE SCHEMA shop");
  add_table_unit("1", "create-carts", "carts");
  const std::string in_shop = url() + "&search_path=shop";

  const auto result = project.forge({"db:migrate", "--url", in_shop});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("carts", "shop"));
  EXPECT_TRUE(db().has_table("ForgeMeta", "shop"));
  EXPECT_FALSE(db().has_table("carts", "public"));
  EXPECT_FALSE(db().has_table("ForgeMeta", "public"));
  EXPECT_EQ(db().scalar("SELECT name FROM shop.\"ForgeMeta\""), "1-create-carts");
  const auto status = project.forge({"db:migrate:status", "--url", in_shop});
  EXPECT_THAT(lines_of(status.out), ElementsAre("up 1-create-carts")) << status;
}

// `.pg.` is PostgreSQL's short name in a file name, as `.postgres.` and `.postgresql.` are.
TEST_P(PostgresUnits, APgTaggedUnitRunsOnPostgres) {
  add_unit("1_a.pg", "-- forge:up\nCREATE TABLE pg_only (id INTEGER);\n");

  const auto result = forge_db({"db:migrate"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("pg_only"));
  EXPECT_THAT(db().history(), ElementsAre("1_a"));
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresUnits, ::testing::Values("postgres"), dialect_name);

}  // namespace
}  // namespace forge::e2e
