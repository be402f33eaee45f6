// --meta-table / --seed-table naming a table forge does not own: an application table is
// neither altered nor read as history (exit 2, naming it), on every dialect. A history table
// named with its schema (MySQL: its database) is read back, so units run once.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ForeignTable : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("20240101000000", "create-first", "first");
    connect();  // the database exists (SQLite: the probe opens, never creates, the file)
  }

  // Runs `args` on this test's database and checks that forge refused `table` as a history
  // table, exit 2, and that nothing ran.
  void expect_refused(std::vector<std::string> args, const std::string& table) const {
    const auto result = forge_db(std::move(args));

    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr("the table " + table + " is not a history table")) << result;
    EXPECT_THAT(result.err, HasSubstr("forge leaves it as it is")) << result;
    EXPECT_FALSE(db().has_table("first"));
  }
};

TEST_P(ForeignTable, AnApplicationTableNamedAsTheHistoryIsLeftAsItIs) {
  db().execute("CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(100))");
  db().execute("INSERT INTO users (id, email) VALUES (1, 'a@example.com')");

  expect_refused({"db:migrate", "--meta-table", "users"}, "users");
  expect_refused({"db:migrate:undo", "--meta-table", "users"}, "users");

  EXPECT_FALSE(db().has_column("users", "state"));
  EXPECT_FALSE(db().has_column("users", "name"));
  EXPECT_EQ(db().count("users"), 1);
}

// A table with a `name` column and others of its own is not read as a list of applied units.
TEST_P(ForeignTable, ATableWithANameColumnIsNotReadAsApplied) {
  db().execute("CREATE TABLE products (name VARCHAR(100), price INTEGER)");
  db().execute("INSERT INTO products (name, price) VALUES ('20240101000000-create-first', 3)");

  const auto status = forge_db({"db:migrate:status", "--meta-table", "products"});
  EXPECT_EQ(status.exit_code, 2) << status;
  EXPECT_THAT(status.err, HasSubstr("(it has columns price that no history table has)")) << status;
  EXPECT_THAT(status.out, Not(HasSubstr("up 20240101000000-create-first"))) << status;

  expect_refused({"db:migrate", "--meta-table", "products"}, "products");
  EXPECT_FALSE(db().has_column("products", "state"));
  EXPECT_EQ(db().count("products"), 1);
}

// sequelize-cli's SequelizeMeta (only `name`) is still adopted as history.
TEST_P(ForeignTable, SequelizesOwnTableIsStillAdopted) {
  db().execute("CREATE TABLE custom_meta (name VARCHAR(255) NOT NULL PRIMARY KEY)");

  const auto result = forge_db({"db:migrate", "--meta-table", "custom_meta"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(db().has_table("first"));
  EXPECT_TRUE(db().has_column("custom_meta", "state"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, ForeignTable, k_all_dialects, dialect_name);

class QualifiedHistoryTable : public DialectTest {};

// The history table named with its schema (PostgreSQL) or its database (MySQL) is found again
// on the next run: three runs record each unit once and run it once.
TEST_P(QualifiedHistoryTable, IsReadBackSoEachUnitRunsOnce) {
  add_unit("20240101000000-count", unit_sql("INSERT INTO tally (n) VALUES (1);", "SELECT 1;"));
  db().execute("CREATE TABLE tally (n INTEGER)");
  const std::string owner = dialect() == "postgres" ? "public" : db().scalar("SELECT DATABASE()");
  const std::string table = owner + ".my_meta";

  for (int run = 0; run < 3; ++run) {
    const auto result = forge_db({"db:migrate", "--meta-table", table});
    ASSERT_EQ(result.exit_code, 0) << result;
  }

  EXPECT_EQ(db().count("tally"), 1);
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM " + table), "1");
}

INSTANTIATE_TEST_SUITE_P(ServerDialects, QualifiedHistoryTable, k_server_dialects, dialect_name);

class HistoryTableInAnotherDatabase : public DialectTest {};

// MySQL: a history table in another database than the one the URL names is read back too.
TEST_P(HistoryTableInAnotherDatabase, IsReadBackSoEachUnitRunsOnce) {
  add_unit("20240101000000-count", unit_sql("INSERT INTO tally (n) VALUES (1);", "SELECT 1;"));
  db().execute("CREATE TABLE tally (n INTEGER)");
  const std::string other = db().scalar("SELECT DATABASE()") + "_hist";
  db().execute("DROP DATABASE IF EXISTS " + other);
  db().execute("CREATE DATABASE " + other);

  for (int run = 0; run < 3; ++run) {
    const auto result = forge_db({"db:migrate", "--meta-table", other + ".my_meta"});
    EXPECT_EQ(result.exit_code, 0) << result;
  }

  EXPECT_EQ(db().count("tally"), 1);
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM " + other + ".my_meta"), "1");
  db().execute("DROP DATABASE " + other);
}

INSTANTIATE_TEST_SUITE_P(Mysql, HistoryTableInAnotherDatabase, ::testing::Values("mysql"),
                         dialect_name);

}  // namespace
}  // namespace forge::e2e
