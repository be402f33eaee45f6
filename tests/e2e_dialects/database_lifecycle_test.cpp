// db:create / db:drop on the servers (a fresh, uniquely named database, checked through the
// server itself), seeders on every dialect, and no password in anything they print.
#include <unistd.h>

#include <atomic>

#include "core/url.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

using forge::testing::with_database;

// A name no other test uses, with a hyphen so that it only works quoted.
std::string unique_database_name() {
  static std::atomic<int> counter{0};
  return "forge_lc-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
}

class DatabaseLifecycle : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    m_server = forge::testing::server_url(GetParam());
    m_name = unique_database_name();
    m_url = with_database(m_server, m_name);
  }
  void TearDown() override {
    try {  // a test that stopped half-way leaves nothing behind
      const bool pg = GetParam() == "postgres";
      server().execute("DROP DATABASE IF EXISTS " + quoted(m_name) + (pg ? " WITH (FORCE)" : ""));
    } catch (...) {
    }
  }

  /// The server's own database, to look at ours from outside.
  CatalogProbe server() const { return CatalogProbe(m_server); }
  std::string quoted(const std::string& name) const {
    return GetParam() == "postgres" ? "\"" + name + "\"" : "`" + name + "`";
  }
  /// True when the server lists a database named m_name.
  bool database_exists() const {
    const std::string sql =
        GetParam() == "postgres"
            ? "SELECT count(*) FROM pg_database WHERE datname = '" + m_name + "'"
            : "SELECT count(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + m_name +
                  "'";
    return server().scalar(sql) == "1";
  }
  ProcessResult forge_on_new(std::vector<std::string> args) const {
    args.push_back("--url");
    args.push_back(m_url);
    return project.forge(args);
  }
  /// m_url with `password` instead of the right one.
  std::string url_with_password(const std::string& password) const {
    const std::string right = ":" + core::parse_database_url(m_url).password + "@";
    std::string changed = m_url;
    changed.replace(changed.find(right), right.size(), ":" + password + "@");
    return changed;
  }

  Project project;
  std::string m_server, m_name, m_url;
};

TEST_P(DatabaseLifecycle, CreateMigrateDropOfAFreshDatabase) {
  ASSERT_FALSE(database_exists());

  const auto created = forge_on_new({"db:create"});
  ASSERT_EQ(created.exit_code, 0) << created;
  EXPECT_THAT(created.out, HasSubstr("created."));
  EXPECT_TRUE(database_exists());
  if (GetParam() == "mysql") {  // not the server's default (latin1 on MariaDB)
    EXPECT_EQ(server().scalar("SELECT DEFAULT_CHARACTER_SET_NAME FROM information_schema.SCHEMATA "
                              "WHERE SCHEMA_NAME = '" +
                              m_name + "'"),
              "utf8mb4");
  }

  project.write("migrations/1-create-t.sql", unit_sql(create_table("t"), "DROP TABLE t;"));
  const auto migrated = forge_on_new({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_TRUE(CatalogProbe(m_url).has_table("t"));

  const auto dropped = forge_on_new({"db:drop"});
  ASSERT_EQ(dropped.exit_code, 0) << dropped;
  EXPECT_THAT(dropped.out, HasSubstr("dropped."));
  EXPECT_FALSE(database_exists());
}

TEST_P(DatabaseLifecycle, CreateOfAnExistingDatabaseSaysSoAndKeepsItsTables) {
  ASSERT_EQ(forge_on_new({"db:create"}).exit_code, 0);
  project.write("migrations/1-create-t.sql", unit_sql(create_table("t"), "DROP TABLE t;"));
  ASSERT_EQ(forge_on_new({"db:migrate"}).exit_code, 0);

  const auto again = forge_on_new({"db:create"});

  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_THAT(again.out, HasSubstr("already exists; nothing to do"));
  EXPECT_TRUE(CatalogProbe(m_url).has_table("t"));
}

TEST_P(DatabaseLifecycle, DropOfADatabaseThatDoesNotExistSaysSo) {
  const auto result = forge_on_new({"db:drop"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("does not exist; nothing to do"));
}

TEST_P(DatabaseLifecycle, DropRefusesProductionWithoutForceAndDropsWithIt) {
  ASSERT_EQ(forge_on_new({"db:create"}).exit_code, 0);

  const auto refused = forge_on_new({"db:drop", "--env", "production"});
  EXPECT_EQ(refused.exit_code, 2) << refused;
  EXPECT_THAT(refused.err, HasSubstr("--force"));
  EXPECT_TRUE(database_exists());

  const auto forced = forge_on_new({"db:drop", "--env", "production", "--force"});
  EXPECT_EQ(forced.exit_code, 0) << forced;
  EXPECT_FALSE(database_exists());
}

TEST_P(DatabaseLifecycle, AWrongPasswordExitsThreeAndNeverPrintsIt) {
  for (const char* command : {"db:create", "db:drop"}) {
    const auto result =
        project.forge({command, "--verbose", "--url", url_with_password("Wr0ng-Secret-93")});

    EXPECT_EQ(result.exit_code, 3) << result;
    EXPECT_THAT(result.err, HasSubstr(core::parse_database_url(m_url).host)) << result;
    EXPECT_THAT(result.out + result.err, Not(HasSubstr("Wr0ng-Secret-93"))) << result;
  }
  EXPECT_FALSE(database_exists());
}

TEST_P(DatabaseLifecycle, TheRightPasswordIsNeverPrintedEither) {
  const std::string password = core::parse_database_url(m_url).password;
  const auto created = forge_on_new({"db:create", "--verbose"});
  const auto dropped = forge_on_new({"db:drop", "--verbose"});

  ASSERT_EQ(created.exit_code, 0) << created;
  ASSERT_EQ(dropped.exit_code, 0) << dropped;
  for (const auto& result : {created, dropped}) {
    EXPECT_THAT(result.out + result.err, Not(HasSubstr(password))) << result;
    EXPECT_THAT(result.out, HasSubstr(":***@")) << result;
  }
}

// A user the server lets log in but not create databases.
class UnprivilegedUser : public DatabaseLifecycle {
 protected:
  void SetUp() override {
    DatabaseLifecycle::SetUp();
    m_user = "forge_lc_user_" + std::to_string(::getpid());
    const bool pg = GetParam() == "postgres";
    server().execute(pg ? "CREATE ROLE " + m_user + " LOGIN PASSWORD 'Unpriv-Pw-71'"
                        : "CREATE USER '" + m_user + "'@'%' IDENTIFIED BY 'Unpriv-Pw-71'");
  }
  void TearDown() override {
    const bool pg = GetParam() == "postgres";
    try {
      server().execute(pg ? "DROP ROLE IF EXISTS " + m_user
                          : "DROP USER IF EXISTS '" + m_user + "'@'%'");
    } catch (...) {
    }
    DatabaseLifecycle::TearDown();
  }
  std::string m_user;
};

TEST_P(UnprivilegedUser, ARefusedCreateExitsOneWithTheServersMessageAndAHint) {
  const auto parsed = core::parse_database_url(m_url);
  std::string url = m_url;
  const std::string credentials = parsed.user + ":" + parsed.password + "@";
  url.replace(url.find(credentials), credentials.size(), m_user + ":Unpriv-Pw-71@");

  const auto result = project.forge({"db:create", "--url", url});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err,
              HasSubstr(GetParam() == "postgres" ? "permission denied to create database"
                                                 : "Access denied"))
      << result;
  EXPECT_THAT(result.err, HasSubstr("may create and drop databases")) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr("Unpriv-Pw-71"))) << result;
  EXPECT_FALSE(database_exists());
}

INSTANTIATE_TEST_SUITE_P(Servers, DatabaseLifecycle, k_server_dialects, dialect_name);
INSTANTIATE_TEST_SUITE_P(Servers, UnprivilegedUser, k_server_dialects, dialect_name);

// PostgreSQL refuses to drop a database others are connected to: forge says so (exit 1).
class DatabaseInUse : public DialectTest {};

TEST_P(DatabaseInUse, DropWhileAnotherSessionIsConnectedExitsOneNamingTheReason) {
  const auto session = connect();

  const auto result = forge_db({"db:drop"});

  EXPECT_EQ(result.exit_code, 1) << result;
  EXPECT_THAT(result.err, HasSubstr("is being accessed by other users")) << result;
  EXPECT_THAT(result.err, HasSubstr("Stop the sessions using the database")) << result;
}

INSTANTIATE_TEST_SUITE_P(Postgres, DatabaseInUse, ::testing::Values("postgres"), dialect_name);

// Seeders on every dialect: their own history table, each seeder once, undone newest first.
class Seeders : public DialectTest {
 protected:
  void SetUp() override {
    DialectTest::SetUp();
    add_unit("1-create-users",
             unit_sql("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR(50));",
                      "DROP TABLE users;"));
    project.write("seeders/1-alice.sql",
                  unit_sql("INSERT INTO users (id, name) VALUES (1, 'alice');",
                           "DELETE FROM users WHERE id = 1;"));
    project.write("seeders/2-bob.yaml",
                  "up:\n  - bulkInsert:\n      table: users\n      rows:\n"
                  "        - { id: 2, name: bob }\n");
  }
};

TEST_P(Seeders, SeedAllRunsEachSeederOnceInItsOwnTableAndUndoAllRevertsThem) {
  ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);

  const auto seeded = forge_db({"db:seed:all"});
  ASSERT_EQ(seeded.exit_code, 0) << seeded;
  EXPECT_EQ(db().count("users"), 2);
  EXPECT_TRUE(db().has_table("ForgeSeeds"));
  EXPECT_THAT(db().history(), ElementsAre("1-create-users"));  // ForgeMeta holds no seeder
  EXPECT_EQ(db().scalar("SELECT count(*) FROM " +
                        std::string(dialect() == "mysql" ? "ForgeSeeds" : "\"ForgeSeeds\"")),
            "2");

  const auto again = forge_db({"db:seed:all"});
  ASSERT_EQ(again.exit_code, 0) << again;
  EXPECT_EQ(db().count("users"), 2);

  const auto undone = forge_db({"db:seed:undo:all"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_EQ(db().count("users"), 0);
  EXPECT_LT(undone.out.find("2-bob: reverting"), undone.out.find("1-alice: reverting"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, Seeders, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
