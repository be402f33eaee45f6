// The server drivers are modules the binary carries and loads when a URL or a lint needs them: a
// SQLite run maps none of their libraries, a binary copied alone still has them, and one that
// cannot be loaded is a clear error (exit 2) that says what to do and never shows a password.
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "forge_test.hpp"
#include "loopback_tcp.hpp"

#if !defined(FORGE_BUILT_BINARY) || !defined(FORGE_NO_MEMFD_PRELOAD)
#error "FORGE_BUILT_BINARY and FORGE_NO_MEMFD_PRELOAD must name the built forge and no_memfd.so"
#endif

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// A copy of the built forge alone in the project's bin/.
class DriverModules : public ForgeTest {
 protected:
  void SetUp() override {
    fs::create_directories(project.path("bin"));
    fs::copy_file(FORGE_BUILT_BINARY, binary());
  }
  fs::path binary() const { return project.path("bin/forge"); }
  ProcessResult run(std::vector<std::string> args, EnvChanges env = {}) const {
    ProcessSpec spec;
    spec.argv = {binary().string()};
    spec.argv.insert(spec.argv.end(), args.begin(), args.end());
    spec.cwd = project.root();
    spec.env = std::move(env);
    return run_process(spec);
  }
};

TEST_F(DriverModules, SqliteRunsWithoutThemAndMapsNoServerClientLibrary) {
  add_table_unit("20240101000001", "create-users", "users");
  // The unit cache keeps no stamp of a file changed in the last two seconds (it may still be
  // being written).
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));

  const std::string cache = project.path("cache").string();
  const auto migrated = run({"db:migrate", "--url", k_url}, {{"FORGE_CACHE_DIR", cache}});
  // The dynamic loader lists every library it loads. The unit cache answers, so nothing is
  // hashed and libcrypto stays unloaded too.
  const auto status = run({"db:migrate:status", "--url", k_url},
                          {{"LD_DEBUG", "libs"}, {"FORGE_CACHE_DIR", cache}});

  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("up 20240101000001-create-users")) << status;
  EXPECT_THAT(status.err, HasSubstr("libsqlite3")) << "LD_DEBUG lists nothing?";
  for (const char* library : {"libpq.so", "libpqxx", "libmysqlcppconn", "libmariadb", "libcrypto",
                              "libgssapi", "libldap", "forge-postgres", "forge-mysql"}) {
    EXPECT_THAT(status.err, Not(HasSubstr(library))) << library;
  }
}

TEST_F(DriverModules, ACopiedBinaryCarriesThemAndLoadsOneWhenAUrlNeedsIt) {
  add_table_unit("20240101000001", "create-users", "users");

  // Loaded: the session is tried, and nobody listens on port 9.
  const auto mysql = run({"db:migrate:status", "--url", "mysql://app:s3cr3t-pw@127.0.0.1:9/app"},
                         {{"LD_DEBUG", "libs"}});
  const auto postgres = run({"db:migrate:status", "--url", "postgres://app@127.0.0.1:9/app"});

  EXPECT_EQ(mysql.exit_code, 3) << mysql;
  EXPECT_THAT(mysql.err, HasSubstr("libmysqlcppconn")) << "the driver's library was not loaded";
  EXPECT_THAT(mysql.err, Not(HasSubstr("cannot load"))) << mysql;
  EXPECT_THAT(mysql.err + mysql.out, Not(HasSubstr("s3cr3t-pw")));
  EXPECT_EQ(postgres.exit_code, 3) << postgres;
  EXPECT_THAT(postgres.err, Not(HasSubstr("cannot load"))) << postgres;
}

// libpq needs libldap only for an ldap:// line of pg_service.conf; the binary stands in for it
// (dialect/postgres/ldap_standin.c), so a PostgreSQL run maps none of its twelve libraries; and
// libpg_query is loaded by lint alone (PostgresLintLoadsItsDriver parses with it).
TEST_F(DriverModules, PostgresMapsNeitherLibldapNorLibpgQueryUntilItNeedsThem) {
  add_table_unit("20240101000001", "create-users", "users");

  const auto result =
      run({"db:migrate:status", "--url", "postgres://app@127.0.0.1:9/app"}, {{"LD_DEBUG", "libs"}});

  EXPECT_EQ(result.exit_code, 3) << result;  // nobody listens on port 9
  EXPECT_THAT(result.err, HasSubstr("libpq.so")) << "the driver's library was not loaded";
  for (const char* library : {"liblber", "libsasl2", "libgnutls", "libpg_query"}) {
    EXPECT_THAT(result.err, Not(HasSubstr(library))) << library;
  }
}

// One LDAP exchange on 127.0.0.1: the anonymous bind succeeds, the search finds nothing
// (resultCode 32, noSuchObject). Each answer carries its request's message ID.
void answer_ldap(int listener) {
  const int peer = ::accept(listener, nullptr, nullptr);
  if (peer < 0) return;
  for (const unsigned char operation : {0x61, 0x65}) {  // BindResponse, SearchResultDone
    unsigned char request[4096];
    const ssize_t n = ::read(peer, request, sizeof request);
    // SEQUENCE, its length (short or long form), then INTEGER: the message ID.
    std::size_t at = 1;
    if (n < 2) break;
    at += (request[at] & 0x80) != 0 ? 1 + (request[at] & 0x7f) : 1;
    if (static_cast<std::size_t>(n) < at + 3 || request[at] != 0x02 || request[at + 1] != 1) break;
    const unsigned char id = request[at + 2];
    const unsigned char code = operation == 0x61 ? 0 : 32;
    const unsigned char answer[] = {0x30, 0x0c, 0x02, 0x01, id,   operation, 0x07,
                                    0x0a, 0x01, code, 0x04, 0x00, 0x04,      0x00};
    if (::send(peer, answer, sizeof answer, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof answer))
      break;
  }
  ::close(peer);
}

TEST_F(DriverModules, AnLdapLookupOfPgServiceConfStillReachesLibldap) {
  add_table_unit("20240101000001", "create-users", "users");
  const BoundSocket ldap = bind_loopback(0);
  ASSERT_GE(ldap.fd, 0);
  ASSERT_EQ(::listen(ldap.fd, 1), 0);
  std::thread server(answer_ldap, ldap.fd);
  project.write("pg_service.conf", "[app]\nldap://127.0.0.1:" + std::to_string(ldap.port) +
                                       "/dc=example?connstr?one?(cn=app)\n");

  const auto result = run({"db:migrate:status", "--url", "postgres:///app?service=app"},
                          {{"PGSERVICEFILE", project.path("pg_service.conf").string()}});
  server.join();
  ::close(ldap.fd);

  EXPECT_EQ(result.exit_code, 3) << result;
  // libldap's own words for resultCode 32, through libpq's message.
  EXPECT_THAT(result.err, HasSubstr("lookup on LDAP server failed: No such object")) << result;
}

// One process loading both drivers (a fleet of both servers), from in-memory files and from
// temporary ones: each is its own module, found by its own entry point.
TEST_F(DriverModules, OneRunLoadsBothDrivers) {
  add_table_unit("20240101000001", "create-users", "users");
  project.write("targets.txt", "postgres://app@127.0.0.1:9/app\nmysql://app@127.0.0.1:9/app\n");
  const fs::path temporary = project.path("tmp");
  fs::create_directories(temporary);

  const std::vector<std::string> args = {"db:migrate", "--targets", "targets.txt",
                                         "--continue-on-error"};
  const auto in_memory = run(args);
  const auto from_files =
      run(args, {{"TMPDIR", temporary.string()}, {"LD_PRELOAD", FORGE_NO_MEMFD_PRELOAD}});

  for (const auto* result : {&in_memory, &from_files}) {
    EXPECT_EQ(result->exit_code, 3) << *result;  // neither server answers
    EXPECT_THAT(result->err, HasSubstr("cannot connect to PostgreSQL")) << *result;
    EXPECT_THAT(result->err, HasSubstr("cannot connect to MySQL")) << *result;
    EXPECT_THAT(result->out + result->err, Not(HasSubstr("driver"))) << *result;
  }
  EXPECT_TRUE(fs::is_empty(temporary));
}

// Without /proc an in-memory file cannot be opened by path: forge falls back to temporary files.
// A mount namespace without /proc needs root (CI runs as root); elsewhere this test is skipped.
TEST_F(DriverModules, WithoutProcItLoadsFromTemporaryFiles) {
  add_table_unit("20240101000001", "create-users", "users");
  project.write("targets.txt", "postgres://app@127.0.0.1:9/app\nmysql://app@127.0.0.1:9/app\n");
  const fs::path temporary = project.path("tmp");
  fs::create_directories(temporary);
  ProcessSpec probe;
  probe.argv = {"/usr/bin/unshare", "-m", "--fork",
                "/bin/sh",          "-c", "umount -l /proc && test ! -e /proc/self"};
  probe.cwd = project.root();
  if (run_process(probe).exit_code != 0) GTEST_SKIP() << "no mount namespace without /proc here";

  ProcessSpec spec;
  spec.argv = {"/usr/bin/unshare",
               "-m",
               "--fork",
               "/bin/sh",
               "-c",
               "umount -l /proc && exec \"$0\" \"$@\"",
               binary().string(),
               "db:migrate",
               "--targets",
               "targets.txt",
               "--continue-on-error"};
  spec.cwd = project.root();
  spec.env = {{"TMPDIR", temporary.string()}};
  const auto result = run_process(spec);

  EXPECT_EQ(result.exit_code, 3) << result;  // neither server answers
  EXPECT_THAT(result.err, HasSubstr("cannot connect to PostgreSQL")) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot connect to MySQL")) << result;
  EXPECT_THAT(result.out + result.err, Not(HasSubstr("driver"))) << result;
  EXPECT_TRUE(fs::is_empty(temporary));
}

TEST_F(DriverModules, PostgresLintLoadsItsDriver) {
  project.write("migrations/20240101000001-index.sql",
                "-- forge:up\nCREATE INDEX users_email ON users (email);\n");

  const auto result = run({"lint", "--dialect", "postgres"});

  EXPECT_THAT(result.out + result.err, HasSubstr("CONCURRENTLY")) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("cannot load"))) << result;
}

TEST_F(DriverModules, WithoutAnInMemoryFileItLoadsFromATemporaryFileAndRemovesIt) {
  add_table_unit("20240101000001", "create-users", "users");
  const fs::path temporary = project.path("tmp");
  fs::create_directories(temporary);

  // memfd_create refused, as a seccomp profile may: forge falls back to TMPDIR.
  const auto result = run({"db:migrate:status", "--url", "mysql://app@127.0.0.1:9/app"},
                          {{"TMPDIR", temporary.string()}, {"LD_PRELOAD", FORGE_NO_MEMFD_PRELOAD}});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_THAT(result.err, Not(HasSubstr("cannot load"))) << result;
  EXPECT_TRUE(fs::is_empty(temporary)) << "the temporary copy of the driver was left behind";
}

TEST_F(DriverModules, AnUnwritableTemporaryFolderWithoutAnInMemoryFileSaysWhatToDo) {
  add_table_unit("20240101000001", "create-users", "users");

  const auto result =
      run({"db:migrate:status", "--url", "postgres://app:s3cr3t-pw@127.0.0.1:9/app"},
          {{"TMPDIR", project.path("no-such-folder").string()},
           {"LD_PRELOAD", FORGE_NO_MEMFD_PRELOAD}});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot load forge's postgres driver")) << result;
  EXPECT_THAT(result.err, HasSubstr("TMPDIR")) << result;
  EXPECT_THAT(result.err + result.out, Not(HasSubstr("s3cr3t-pw"))) << result;
}

}  // namespace
}  // namespace forge::e2e
