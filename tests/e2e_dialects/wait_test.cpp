// --wait and db:wait: a server that starts accepting connections only a few seconds after
// forge has started, and one that never does.
#include <chrono>

#include "core/url.hpp"
#include "delayed_server.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::Not;

class WaitForServer : public DialectTest {
 protected:
  int server_port() const { return core::parse_database_url(url()).port.value(); }
  std::string database() const { return core::parse_database_url(url()).database; }
};

TEST_P(WaitForServer, MigrateWithWaitSucceedsOnceTheServerStartsListening) {
  add_table_unit("20240101000001", "create-t", "t");
  DelayedServer starting(server_port(), 3s);
  const std::string through = with_port(url(), starting.port());

  const auto result = project.forge({"db:migrate", "--wait", "20", "--url", through});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.err, HasSubstr("database not ready yet")) << "it must have retried";
  EXPECT_GE(starting.accepted(), 1) << "it must have come through the late server";
  EXPECT_TRUE(db().has_table("t"));
  EXPECT_THAT(db().history(), ::testing::ElementsAre("20240101000001-create-t"));
}

TEST_P(WaitForServer, MigrateWithoutWaitExitsThreeAtOnceNamingTheServer) {
  add_table_unit("20240101000001", "create-t", "t");
  DelayedServer never(server_port(), 1h);
  const auto started = Clock::now();

  const auto result = project.forge({"db:migrate", "--url", with_port(url(), never.port())});

  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_LT(Clock::now() - started, 5s) << "without --wait there is no retrying";
  EXPECT_THAT(result.err, HasSubstr("127.0.0.1:" + std::to_string(never.port()) + "/" + database()))
      << result;
  EXPECT_THAT(result.err, Not(HasSubstr("retrying"))) << result;
}

TEST_P(WaitForServer, DbWaitReportsReadyOnceTheServerStartsListening) {
  DelayedServer starting(server_port(), 2s);

  const auto result =
      project.forge({"db:wait", "--wait", "20", "--url", with_port(url(), starting.port())});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(result.out, HasSubstr("is ready")) << result;
}

TEST_P(WaitForServer, DbWaitOnADeadPortGivesUpWithExitThreeAfterItsWait) {
  DelayedServer never(server_port(), 1h);
  const auto started = Clock::now();

  const auto result =
      project.forge({"db:wait", "--wait", "5", "--url", with_port(url(), never.port())});

  const auto elapsed = Clock::now() - started;
  EXPECT_EQ(result.exit_code, 3) << result;
  EXPECT_GE(elapsed, 4500ms) << "it gave up before its --wait was over";
  EXPECT_LT(elapsed, 15s) << "it kept trying long after its --wait";
  EXPECT_THAT(result.err, HasSubstr(std::to_string(never.port()))) << result;
}

INSTANTIATE_TEST_SUITE_P(Servers, WaitForServer, k_server_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
