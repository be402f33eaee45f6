// A server's session opens on a thread of its own while the units are read, and so does a SQLite
// file's when opening it creates nothing (a read, or a file that exists). What the user sees
// must be what it was when the session was opened after them: units that fail to load are
// reported alone, at once, even when the server never answers; a server that refuses is still
// a connection error (exit 3) when the units are fine; no SQLite file is left behind.
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "forge_test.hpp"
#include "loopback_tcp.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// A TCP port on 127.0.0.1 that accepts connections (the kernel completes them from the
// backlog) and never says a word: a client waiting for the server's greeting waits forever.
class SilentServer {
 public:
  SilentServer() : m_bound(bind_loopback(0)) {
    if (m_bound.fd < 0 || ::listen(m_bound.fd, 16) != 0) {
      throw std::runtime_error("cannot listen on 127.0.0.1");
    }
  }
  ~SilentServer() { ::close(m_bound.fd); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;

  int port() const { return m_bound.port; }

 private:
  BoundSocket m_bound;
};

const std::string k_secret = "s3cret-Pw";

std::string url_of(const std::string& scheme, int port) {
  return scheme + "://forge:" + k_secret + "@127.0.0.1:" + std::to_string(port) + "/shop";
}

// A unit the loader refuses (an unknown operation, at 2:5).
void write_bad_unit(const Project& project) {
  project.write("migrations/20240101000001-bad.yaml",
                "up:\n  - addColum: { table: users, column: c, type: TEXT }\n");
}

class SessionAhead : public ::testing::TestWithParam<std::string> {
 protected:
  Project project;
};

TEST_P(SessionAhead, UnitsThatFailToLoadAreReportedWhileTheServerNeverAnswers) {
  const SilentServer server;
  write_bad_unit(project);

  for (const char* command : {"db:migrate", "db:migrate:status"}) {
    // Well short of the drivers' 10 s connect timeout, which a wait for the session would reach.
    const auto result = project.forge({command, "--url", url_of(GetParam(), server.port())}, {},
                                      std::chrono::seconds(5));

    EXPECT_FALSE(result.timed_out) << "waited for a session nobody needs\n" << result;
    EXPECT_EQ(result.exit_code, 2) << "a file error, not a connection error\n" << result;
    EXPECT_THAT(result.err, HasSubstr("20240101000001-bad.yaml:2:5")) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("127.0.0.1"))) << "nothing of the session\n" << result;
    EXPECT_THAT(result.err + result.out, Not(HasSubstr(k_secret))) << result;
  }
}

TEST_P(SessionAhead, UnitsThatFailToLoadAreReportedAtOnceUnderWait) {
  int port = 0;  // a port nothing listens on any more
  {
    const SilentServer gone;
    port = gone.port();
  }
  write_bad_unit(project);

  const auto result =
      project.forge({"db:migrate", "--wait", "600", "--url", url_of(GetParam(), port)}, {},
                    std::chrono::seconds(60));

  EXPECT_FALSE(result.timed_out) << "waited for a server nobody needs\n" << result;
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("not ready"))) << "no retry is shown\n" << result;
}

TEST_P(SessionAhead, AServerThatRefusesIsAConnectionErrorWhenTheUnitsAreFine) {
  project.write("migrations/20240101000001-t.sql",
                unit_sql("CREATE TABLE t (id INTEGER);", "DROP TABLE t;"));

  const auto result = project.forge({"db:migrate:status", "--url", url_of(GetParam(), 1)});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, HasSubstr("127.0.0.1")) << result;
  EXPECT_THAT(result.err + result.out, Not(HasSubstr(k_secret))) << result;
}

INSTANTIATE_TEST_SUITE_P(Servers, SessionAhead, ::testing::Values("postgres", "mysql"));

TEST(SqliteSessionAhead, UnitsThatFailToLoadLeaveNoDatabaseFileBehind) {
  const Project project;
  write_bad_unit(project);

  const std::vector<std::vector<std::string>> commands = {
      {"db:migrate"}, {"db:migrate:status"}, {"db:migrate", "--dry-run"}};
  for (std::vector<std::string> args : commands) {
    args.insert(args.end(), {"--url", "sqlite:" + project.path("data/app.db").string()});
    const auto result = project.forge(args);

    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr("20240101000001-bad.yaml:2:5")) << result;
    EXPECT_FALSE(project.exists("data/app.db")) << args[0] << " created the file\n" << result;
    EXPECT_FALSE(project.exists("data")) << args[0] << " created its folder\n" << result;
  }
}

// Opened ahead or not, an existing database's status and migrate say and do what they did.
TEST(SqliteSessionAhead, StatusAndMigrateOfAnExistingDatabaseAreUnchanged) {
  const Project project;
  project.write("migrations/20240101000001-t.sql",
                unit_sql("CREATE TABLE t (id INTEGER);", "DROP TABLE t;"));
  const std::string url = "sqlite:" + project.path("app.db").string();
  ASSERT_EQ(project.forge({"db:migrate", "--url", url}).exit_code, 0);
  project.write("migrations/20240101000002-u.sql",
                unit_sql("CREATE TABLE u (id INTEGER);", "DROP TABLE u;"));

  const auto status = project.forge({"db:migrate:status", "--url", url});
  const auto migrate = project.forge({"db:migrate", "--url", url});

  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("up")) << status;
  EXPECT_THAT(status.out, HasSubstr("20240101000002-u")) << status;
  EXPECT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, HasSubstr("20240101000002-u")) << migrate;
  EXPECT_THAT(migrate.out, Not(HasSubstr("20240101000001-t"))) << "applied once\n" << migrate;
}

}  // namespace
}  // namespace forge::e2e
