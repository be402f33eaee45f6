// A server that cannot take writes: PostgreSQL with default_transaction_read_only (as on a hot
// standby), MariaDB with read_only for a user without SUPER (as on a replica). A writing command
// checks as it connects: forge exits 3 naming the server and why it takes no writes, not 1 with
// "Fix the statement", and nothing runs.
#include <memory>

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

  // Makes the server read-only for forge (PostgreSQL: the database's sessions; MariaDB: the
  // server, for a user without SUPER) until the test ends; returns the URL forge must use.
  std::string make_read_only() {
    if (dialect() == "postgres") {
      const std::string database = db().scalar("SELECT current_database()");
      db().execute("ALTER DATABASE \"" + database + "\" SET default_transaction_read_only = on");
      return url();
    }
    const core::DatabaseUrl parsed = core::parse_database_url(url());
    m_mysql = std::make_unique<ReadOnlyMysqlServer>(db(), parsed.database);
    return "mysql://" + std::string(k_user) + ":" + k_password + "@" + parsed.host + ":" +
           std::to_string(parsed.port.value_or(3306)) + "/" + parsed.database;
  }

  // Runs db:migrate through `forge_url` and checks that it exits 3 saying `reason`, and that
  // the second unit neither ran nor was recorded.
  void expect_refused_writes(const std::string& forge_url, const std::string& reason) const {
    const auto result = project.forge({"db:migrate", "--url", forge_url});

    EXPECT_EQ(result.exit_code, 3) << result;
    EXPECT_THAT(result.err, HasSubstr(reason)) << result;
    EXPECT_THAT(result.err, HasSubstr("; point forge at the primary")) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("Fix the statement"))) << result;
    EXPECT_FALSE(db().has_table("second"));
    EXPECT_EQ(db().history(), std::vector<std::string>{"20240101000000-create-first"});
  }

 private:
  std::unique_ptr<ReadOnlyMysqlServer> m_mysql;
};

TEST_P(ReadOnlyServer, ExitsThreeSayingTheDatabaseCannotTakeWrites) {
  const std::string forge_url = make_read_only();
  expect_refused_writes(forge_url, dialect() == "postgres"
                                       ? "is read-only for forge's session "
                                         "(default_transaction_read_only"
                                       : "is read-only (read_only is ON: a replica?)");
}

// Reading commands work on a read-only server (a standby serves status).
TEST_P(ReadOnlyServer, StatusStillReadsTheHistory) {
  const std::string forge_url = make_read_only();

  const auto result = project.forge({"db:migrate:status", "--url", forge_url});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("up 20240101000000-create-first")) << result;
  EXPECT_THAT(result.out, HasSubstr("down 20240101000001-create-second")) << result;
}

INSTANTIATE_TEST_SUITE_P(ServerDialects, ReadOnlyServer, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
