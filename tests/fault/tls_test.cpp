// TLS and unix sockets on real servers: a MariaDB and a PostgreSQL with a throwaway CA's
// certificate (for 127.0.0.1 only) and, for contrast, a pair without TLS. What the URL asks for is
// what forge gets, or it stops with exit 3 (a file it cannot read: exit 2) -- never a plaintext
// session in place of an encrypted one, never the password in a message.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "owned_servers.hpp"
#include "project.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Tls : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    with_tls = new fault::OwnedServers(fault::OwnedServers::Which::both_with_tls);
    without_tls = new fault::OwnedServers();
  }
  static void TearDownTestSuite() {
    delete with_tls;
    delete without_tls;
  }
  // `base` with `query` added to its own (PostgreSQL's has ?sslmode=disable: it is replaced).
  static std::string with_query(const std::string& base, const std::string& query) {
    return base.substr(0, base.find('?')) + "?" + query;
  }
  std::string ca(const std::string& name = "ca.pem") const {
    return with_tls->tls_folder() + "/" + name;
  }
  // db:migrate:status through `url`; checks the exit code and that no password shows.
  ProcessResult status(const std::string& url, int exit_code) {
    const auto result = project.forge({"db:migrate:status", "--url", url});
    EXPECT_EQ(result.exit_code, exit_code) << result;
    EXPECT_THAT(result.out + result.err, Not(HasSubstr("forge-test-pw"))) << result;
    return result;
  }
  void SetUp() override { project.write("migrations/1_a.sql", "-- forge:up\nSELECT 1;\n"); }

  static fault::OwnedServers* with_tls;
  static fault::OwnedServers* without_tls;
  Project project;
};

fault::OwnedServers* Tls::with_tls = nullptr;
fault::OwnedServers* Tls::without_tls = nullptr;

TEST_F(Tls, MysqlRequiredAgainstAServerWithoutTlsStopsWithExitThree) {
  const auto result = status(with_query(without_tls->admin_url("mysql"), "ssl-mode=REQUIRED"), 3);
  EXPECT_THAT(result.err, HasSubstr("not encrypted")) << result;
}

TEST_F(Tls, MysqlRequiredAndVerifyCaConnectToTheTlsServer) {
  status(with_query(with_tls->admin_url("mysql"), "ssl-mode=REQUIRED"), 0);
  status(with_query(with_tls->admin_url("mysql"), "ssl-mode=VERIFY_CA&ssl-ca=" + ca()), 0);
  status(with_query(with_tls->admin_url("mysql"), "sslmode=verify-full&sslca=" + ca()), 0);
}

TEST_F(Tls, MysqlVerifyCaWithAnotherCaIsRefused) {
  const auto result = status(
      with_query(with_tls->admin_url("mysql"), "ssl-mode=VERIFY_CA&ssl-ca=" + ca("other-ca.pem")),
      3);
  EXPECT_THAT(result.err, HasSubstr("certificate")) << result;
}

TEST_F(Tls, MysqlCaFileThatCannotBeReadIsExitTwoNamingIt) {
  const auto result = status(
      with_query(with_tls->admin_url("mysql"), "ssl-mode=VERIFY_CA&ssl-ca=/no/such/ca.pem"), 2);
  EXPECT_THAT(result.err, HasSubstr("ssl-ca file /no/such/ca.pem cannot be read")) << result;
}

TEST_F(Tls, MysqlUnknownSslModeIsExitTwo) {
  const auto result = status(with_query(with_tls->admin_url("mysql"), "ssl-mode=SOMETIMES"), 2);
  EXPECT_THAT(result.err, HasSubstr("ssl-mode=SOMETIMES")) << result;
}

TEST_F(Tls, PostgresRequireAgainstAServerWithoutTlsStopsWithExitThree) {
  const auto result = status(with_query(without_tls->admin_url("postgres"), "sslmode=require"), 3);
  EXPECT_THAT(result.err, HasSubstr("SSL")) << result;
}

TEST_F(Tls, PostgresVerifyCaConnectsAndAnotherCaIsRefused) {
  const std::string base = with_tls->admin_url("postgres");
  status(with_query(base, "sslmode=require"), 0);
  status(with_query(base, "sslmode=verify-ca&sslrootcert=" + ca()), 0);
  status(with_query(base, "sslmode=verify-full&sslrootcert=" + ca()), 0);
  status(with_query(base, "sslmode=verify-ca&sslrootcert=" + ca("other-ca.pem")), 3);
}

// The certificate names 127.0.0.1 only: verify-full through "localhost" must fail.
TEST_F(Tls, PostgresVerifyFullChecksTheHostName) {
  std::string base = with_tls->admin_url("postgres");
  base.replace(base.find("127.0.0.1"), 9, "localhost");
  status(with_query(base, "sslmode=verify-ca&sslrootcert=" + ca()), 0);
  const auto result = status(with_query(base, "sslmode=verify-full&sslrootcert=" + ca()), 3);
  EXPECT_THAT(result.err, HasSubstr("does not match host name")) << result;
}

// Unix sockets, on the servers without TLS: MySQL's ?socket=, libpq's host=<folder>.
TEST_F(Tls, BothDialectsConnectThroughAUnixSocket) {
  const std::string folder = without_tls->folder().string();
  // The throwaway server's root signs in through its socket without a password.
  status("mysql://root@localhost/forge_test?socket=" + folder + "/my/mysqld.sock", 0);
  status("mysql://root@localhost/forge_test?socket=" + folder + "/my/no.sock", 3);
  const std::string postgres = without_tls->admin_url("postgres");
  const std::string port = postgres.substr(postgres.rfind(':') + 1, 5);  // "55432/" -> digits
  status("postgres://postgres:forge-test-pw@/postgres?host=" + folder +
             "/pg&port=" + port.substr(0, port.find('/')),
         0);
}

}  // namespace
}  // namespace forge::e2e
