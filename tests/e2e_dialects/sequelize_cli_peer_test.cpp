// forge beside the real sequelize-cli (sequelize 6, its drivers and sequelize-cli from the npm
// registry, installed by tests/sequelize/install-peers) on the bundled Sequelize project
// (migrations-examples/sequelize-blog): the same units leave the same catalog, and each tool
// carries on where the other stopped, in both directions.
#include <cstdlib>
#include <filesystem>

#include "dialect_test.hpp"
#include "test_database.hpp"

#ifndef FORGE_SEQUELIZE_EXAMPLE
#error "FORGE_SEQUELIZE_EXAMPLE must name migrations-examples/sequelize-blog"
#endif
#ifndef FORGE_INSTALL_PEERS
#error "FORGE_INSTALL_PEERS must name tests/sequelize/install-peers"
#endif

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// The last unit before the first that rebuilds a table (changeColumn): sequelize's SQLite
// rebuild drops the table's other indexes, its foreign keys' actions and AUTOINCREMENT, which
// forge keeps, so catalogs are compared up to here on SQLite and to the end on the servers.
const std::string k_before_rebuilds = "20240302100100-index-posts.js";

// The peers' folder, installed once per run; empty (and `s_problem` says why) when they cannot be.
std::string s_peers;
std::string s_problem;

class SequelizeCliPeer : public DialectTest {
 protected:
  static void SetUpTestSuite() {
    ProcessSpec spec;
    spec.argv = {FORGE_INSTALL_PEERS};
    spec.cwd = fs::temp_directory_path();
    spec.timeout = std::chrono::minutes(10);  // the first install downloads and builds
    const auto installed = run_process(spec);
    if (installed.exit_code == 0) {
      s_peers = std::string(installed.out.substr(0, installed.out.find('\n')));
    } else {
      s_problem = "tests/sequelize/install-peers failed: " + installed.err;
    }
  }

  void SetUp() override {
    DialectTest::SetUp();
    if (s_peers.empty()) {
      if (std::getenv("FORGE_TEST_SERVERS_REQUIRED") != nullptr) FAIL() << s_problem;
      GTEST_SKIP() << s_problem;
    }
    fs::copy(FORGE_SEQUELIZE_EXAMPLE, project.path("."),
             fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    fs::create_directory_symlink(fs::path(s_peers) / "node_modules", project.path("node_modules"));
  }

  ProcessResult sequelize_cli(std::vector<std::string> args, const std::string& url) const {
    args.insert(args.begin(), (fs::path(s_peers) / "node_modules/.bin/sequelize-cli").string());
    args.insert(args.begin(), {"/usr/bin/env", "node"});
    args.insert(args.end(), {"--env", "test"});
    ProcessSpec spec;
    spec.argv = args;
    spec.cwd = project.path(".");
    spec.env = {{"DATABASE_URL", url}};
    spec.timeout = std::chrono::minutes(2);
    return run_process(spec);
  }
  ProcessResult forge(std::vector<std::string> args, const std::string& url) const {
    args.insert(args.end(), {"--env", "test"});
    return project.forge(args, {{"DATABASE_URL", url}});
  }

  // The database sequelize-cli starts; the test's own (url()) is the one forge starts.
  const forge::testing::TestDatabase peer{GetParam()};
};

TEST_P(SequelizeCliPeer, TheSameUnitsLeaveTheSameCatalogAndEachToolContinuesTheOther) {
  const std::vector<std::string> half = {"db:migrate", "--to", k_before_rebuilds};

  // The first half: sequelize-cli on the peer's database, forge on the test's.
  const auto by_cli = sequelize_cli(half, peer.url());
  ASSERT_EQ(by_cli.exit_code, 0) << by_cli;
  const auto by_forge = forge(half, url());
  ASSERT_EQ(by_forge.exit_code, 0) << by_forge;
  EXPECT_EQ(db().schema(), CatalogProbe(peer.url()).schema());

  // The rest: each tool continues the other's database.
  const auto forge_continues = forge({"db:migrate"}, peer.url());
  ASSERT_EQ(forge_continues.exit_code, 0) << forge_continues;
  EXPECT_THAT(forge_continues.out, Not(HasSubstr("create-users"))) << "ran by sequelize-cli";
  const auto cli_continues = sequelize_cli({"db:migrate"}, url());
  ASSERT_EQ(cli_continues.exit_code, 0) << cli_continues;
  EXPECT_THAT(cli_continues.out, Not(HasSubstr("create-users: migrating"))) << "ran by forge";
  if (dialect() != "sqlite") {
    EXPECT_EQ(db().schema(), CatalogProbe(peer.url()).schema());
  }

  // Each sees every unit applied.
  const auto cli_status = sequelize_cli({"db:migrate:status"}, peer.url());
  EXPECT_EQ(cli_status.exit_code, 0) << cli_status;
  EXPECT_THAT(cli_status.out, HasSubstr("up 20240305130100-publish-admin-posts.js")) << cli_status;
  EXPECT_THAT(cli_status.out, Not(HasSubstr("down "))) << cli_status;
  const auto forge_status = forge({"db:migrate:status"}, url());
  EXPECT_THAT(forge_status.out, Not(HasSubstr("down "))) << forge_status;

  // And undoes what the other applied.
  const auto cli_undo = sequelize_cli({"db:migrate:undo"}, peer.url());
  ASSERT_EQ(cli_undo.exit_code, 0) << cli_undo;
  const auto forge_undo = forge({"db:migrate:undo"}, peer.url());
  ASSERT_EQ(forge_undo.exit_code, 0) << forge_undo;
  EXPECT_THAT(forge_undo.out, HasSubstr("20240305130000-create-post-counts-view: reverted"))
      << forge_undo;
  const auto after = sequelize_cli({"db:migrate:status"}, peer.url());
  EXPECT_THAT(after.out, HasSubstr("down 20240305130000-create-post-counts-view.js")) << after;
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SequelizeCliPeer, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
