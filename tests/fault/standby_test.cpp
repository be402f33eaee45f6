// forge and a PostgreSQL hot standby, on a primary + streaming standby of the test's own
// (tests/servers/throwaway-servers start, standby, promote): a writing command refuses the
// standby naming it (exit 3), status reads there, --wait carries a migrate across the standby's
// promotion, and a multi-host URL with target_session_attrs=read-write finds the primary.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "catalog_probe.hpp"
#include "owned_servers.hpp"
#include "project.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string unit(const std::string& table) {
  return "-- forge:up\nCREATE TABLE " + table + " (id INTEGER);\n-- forge:down\nDROP TABLE " +
         table + ";\n";
}

// "postgres://u:p@127.0.0.1:5433/db?..." -> "127.0.0.1:5433"
std::string host_port(const std::string& url) {
  const auto start = url.find('@') + 1;
  return url.substr(start, url.find('/', start) - start);
}

// Waits until the standby has replayed the primary's history table rows.
void wait_for_rows(const std::string& standby_url, std::size_t rows) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (CatalogProbe(standby_url).history().size() < rows) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the standby never caught up";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// One pair for every case: the promotion comes last, in its own test.
class Standby : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    servers = new fault::OwnedServers(fault::OwnedServers::Which::postgres_only);
    standby_url = new std::string(servers->start_standby());
  }
  static void TearDownTestSuite() {
    delete standby_url;
    delete servers;
  }
  const std::string& primary() const { return servers->admin_url("postgres"); }

  static fault::OwnedServers* servers;
  static std::string* standby_url;
  Project project;
};

fault::OwnedServers* Standby::servers = nullptr;
std::string* Standby::standby_url = nullptr;

TEST_F(Standby, MigrateRefusesTheStandbyNamingItAndStatusReadsThere) {
  project.write("migrations/1_a.sql", unit("sb_a"));
  ASSERT_EQ(project.forge({"db:migrate", "--url", primary()}).exit_code, 0);
  wait_for_rows(*standby_url, 1);
  project.write("migrations/2_b.sql", unit("sb_b"));

  const auto refused = project.forge({"db:migrate", "--url", *standby_url});
  EXPECT_EQ(refused.exit_code, 3) << refused;
  EXPECT_THAT(refused.err, HasSubstr(host_port(*standby_url) +
                                     " is a read-only standby (pg_is_in_recovery() is true); "
                                     "point forge at the primary"))
      << refused;
  EXPECT_THAT(refused.err, HasSubstr("target_session_attrs=read-write")) << refused;
  EXPECT_THAT(refused.err, Not(HasSubstr("Fix the statement"))) << refused;
  EXPECT_THAT(refused.err, Not(HasSubstr("forge-test-pw"))) << refused;

  const auto status = project.forge({"db:migrate:status", "--url", *standby_url});
  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(status.out, HasSubstr("up 1_a")) << status;
  EXPECT_THAT(status.out, HasSubstr("down 2_b")) << status;
}

// The standby listed first: libpq skips it for the host that takes writes.
TEST_F(Standby, AMultiHostUrlWithReadWriteFindsThePrimary) {
  project.write("migrations/3_c.sql", unit("sb_c"));
  const std::string both = "postgres://postgres:forge-test-pw@" + host_port(*standby_url) + "," +
                           host_port(primary()) +
                           "/postgres?sslmode=disable&target_session_attrs=read-write";

  const auto result = project.forge({"db:migrate", "--url", both});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_TRUE(CatalogProbe(primary()).has_table("sb_c"));
}

TEST_F(Standby, MigrateWithWaitCarriesOnOnceTheStandbyIsPromoted) {
  project.write("migrations/4_d.sql", unit("sb_d"));
  auto waiting = project.start_forge({"db:migrate", "--wait", "60", "--url", *standby_url});
  std::this_thread::sleep_for(std::chrono::seconds(3));
  servers->promote_standby();

  const auto result = waiting->wait();

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("is a read-only standby")) << result;  // said while waiting
  EXPECT_THAT(result.out, HasSubstr("== 4_d: migrated")) << result;
  EXPECT_TRUE(CatalogProbe(*standby_url).has_table("sb_d"));
}

}  // namespace
}  // namespace forge::e2e
