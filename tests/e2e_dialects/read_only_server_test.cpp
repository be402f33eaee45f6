// A server that cannot take writes: PostgreSQL with default_transaction_read_only (as on a hot
// standby), MariaDB with read_only for a user without SUPER (as on a replica). forge exits 3
// saying the database cannot take writes and naming the statement, not 1 with "Fix the
// statement", and the history stays as it was.
#include "core/url.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* k_user = "forge_no_super";
constexpr const char* k_password = "no-super-pw";

// For the object's lifetime, the MariaDB server runs with read_only and has a user holding
// every privilege on `database` but none on the server (so read_only applies to it). The
// server is the test's own throwaway one; the destructor puts it back.
class ReadOnlyMysqlServer {
 public:
  ReadOnlyMysqlServer(CatalogProbe admin, const std::string& database) : m_admin(std::move(admin)) {
    m_admin.execute(std::string("DROP USER IF EXISTS '") + k_user + "'@'%'");
    m_admin.execute(std::string("CREATE USER '") + k_user + "'@'%' IDENTIFIED BY '" + k_password +
                    "'");
    m_admin.execute("GRANT ALL ON `" + database + "`.* TO '" + k_user + "'@'%'");
    m_admin.execute("SET GLOBAL read_only = 1");
  }
  ~ReadOnlyMysqlServer() {
    try {
      m_admin.execute("SET GLOBAL read_only = 0");
      m_admin.execute(std::string("DROP USER IF EXISTS '") + k_user + "'@'%'");
    } catch (const std::exception& e) {
      ADD_FAILURE() << "could not put the server back (SET GLOBAL read_only = 0): " << e.what();
    }
  }
  ReadOnlyMysqlServer(const ReadOnlyMysqlServer&) = delete;
  ReadOnlyMysqlServer& operator=(const ReadOnlyMysqlServer&) = delete;

 private:
  CatalogProbe m_admin;
};

class ReadOnlyServer : public DialectTest {
 protected:
  // One unit applied; a second one pending, whose CREATE TABLE is on line 2 of its file.
  void SetUp() override {
    DialectTest::SetUp();
    add_table_unit("20240101000000", "create-first", "first");
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    add_table_unit("20240101000001", "create-second", "second");
  }

  // Runs db:migrate through `forge_url` and checks that it exits 3 saying `reason`, and that
  // the second unit neither ran nor was recorded.
  void expect_refused_writes(const std::string& forge_url, const std::string& reason) const {
    const auto result = project.forge({"db:migrate", "--url", forge_url});

    EXPECT_EQ(result.exit_code, 3) << result;
    EXPECT_THAT(result.err, HasSubstr("the database cannot take writes (" + reason)) << result;
    EXPECT_THAT(result.err, HasSubstr("migrations/20240101000001-create-second.sql:2")) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("Fix the statement"))) << result;
    EXPECT_FALSE(db().has_table("second"));
    EXPECT_EQ(db().history(), std::vector<std::string>{"20240101000000-create-first"});
  }
};

TEST_P(ReadOnlyServer, ExitsThreeSayingTheDatabaseCannotTakeWrites) {
  if (dialect() == "postgres") {
    const std::string database = db().scalar("SELECT current_database()");
    db().execute("ALTER DATABASE \"" + database + "\" SET default_transaction_read_only = on");
    expect_refused_writes(url(), "the server is a standby or read-only");
    return;
  }
  core::DatabaseUrl parsed = core::parse_database_url(url());
  const ReadOnlyMysqlServer server(db(), parsed.database);
  const std::string no_super_url = "mysql://" + std::string(k_user) + ":" + k_password + "@" +
                                   parsed.host + ":" + std::to_string(parsed.port.value_or(3306)) +
                                   "/" + parsed.database;
  expect_refused_writes(no_super_url, "the server runs with read_only");
}

INSTANTIATE_TEST_SUITE_P(ServerDialects, ReadOnlyServer, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
