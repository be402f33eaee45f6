// Two tools on one database: the history table forge creates takes sequelize-cli's INSERT of a
// bare name, and forge's own history writes reach that table whatever search path (PostgreSQL)
// or current database (MySQL) a unit switches its session to.
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {


class SharedHistory : public DialectTest {};

TEST_P(SharedHistory, ATableForgeCreatedTakesAnInsertOfABareName) {
  add_table_unit("20240101000000", "create-first", "first");
  ASSERT_EQ(forge_db({"db:migrate", "--meta-table", "SequelizeMeta"}).exit_code, 0);
  const std::string meta = dialect() == "mysql" ? "SequelizeMeta" : "\"SequelizeMeta\"";

  db().execute("INSERT INTO " + meta + " (name) VALUES ('20240101000001-by-sequelize.js')");

  const auto status = forge_db({"db:migrate:status", "--meta-table", "SequelizeMeta"});
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM " + meta), "2");
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SharedHistory, k_all_dialects, dialect_name);

class SessionPath : public DialectTest {};

// The unit empties the session's search_path (PostgreSQL) or switches to another database
// (MySQL); its history row and the next unit's still go to the table forge began with.
TEST_P(SessionPath, AUnitThatMovesTheSessionElsewhereIsStillRecorded) {
  std::string other;
  if (dialect() == "postgres") {
    add_unit("20240101000000-empty-path",
             unit_sql("SELECT set_config('search_path', '', false);", "SELECT 1;"));
  } else {
    other = db().scalar("SELECT DATABASE()") + "_elsewhere";
    db().execute("DROP DATABASE IF EXISTS " + other);
    db().execute("CREATE DATABASE " + other);
    add_unit("20240101000000-use-other", unit_sql("USE " + other + ";", "SELECT 1;"));
  }
  add_unit("20240101000001-after", unit_sql("SELECT 1;", "SELECT 1;"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().history().size(), 2u);
  EXPECT_EQ(forge_db({"db:migrate:status"}).exit_code, 0);
  if (!other.empty()) {
    EXPECT_EQ(db().scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" +
                          other + "'"),
              "0");
    db().execute("DROP DATABASE " + other);
  }
}

INSTANTIATE_TEST_SUITE_P(ServerDialects, SessionPath, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
