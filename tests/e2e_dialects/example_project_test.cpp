// The bundled example (migrations-examples/ecommerce) on every dialect: each adapter takes its
// own variant of a unit where the SQL differs, and the neutral file elsewhere.
#include <filesystem>

#include "dialect_test.hpp"

#ifndef FORGE_EXAMPLE_MIGRATIONS
#error "FORGE_EXAMPLE_MIGRATIONS must name migrations-examples/ecommerce/migrations"
#endif

namespace forge::e2e {
namespace {

using ::testing::IsEmpty;

const std::vector<std::string> k_tables = {"users", "products", "orders", "order_items"};

class ExampleProject : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    std::filesystem::copy(FORGE_EXAMPLE_MIGRATIONS, project.path("migrations"),
                          std::filesystem::copy_options::recursive);
  }
  void expect_full_schema() const {
    for (const auto& table : k_tables) EXPECT_TRUE(db().has_table(table)) << table;
    EXPECT_TRUE(db().has_column("orders", "discount_code"));
    EXPECT_EQ(db().history().size(), 5u);
  }
};

TEST_P(ExampleProject, MigratesUndoesAllAndMigratesAgain) {
  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  expect_full_schema();

  const auto undone = forge_db({"db:migrate:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  for (const auto& table : k_tables) EXPECT_FALSE(db().has_table(table)) << table;
  EXPECT_THAT(db().history(), IsEmpty());

  const auto again = forge_db({"db:migrate"});
  ASSERT_EQ(again.exit_code, 0) << again;
  expect_full_schema();
}

TEST_P(ExampleProject, TheSchemaAcceptsAnOrderWithADiscountCode) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  db().execute(
      "INSERT INTO users (full_name, email, password_hash) VALUES ('Ada', 'ada@example.com', 'x')");
  db().execute(
      "INSERT INTO orders (user_id, discount_code) "
      "SELECT id, 'SPRING10' FROM users WHERE email = 'ada@example.com'");

  EXPECT_EQ(db().scalar("SELECT discount_code FROM orders"), "SPRING10");
  EXPECT_EQ(db().scalar("SELECT status FROM orders"), "pending");
}

INSTANTIATE_TEST_SUITE_P(AllDialects, ExampleProject, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
