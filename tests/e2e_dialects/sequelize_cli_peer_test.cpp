// forge beside the real sequelize-cli (sequelize 6, its drivers and sequelize-cli from the npm
// registry, installed by tests/sequelize/install-peers) on the bundled Sequelize project
// (migrations-examples/sequelize-blog): the same units leave the same catalog, and each tool
// carries on where the other stopped, in both directions.
#include <cstdlib>
#include <filesystem>
#include <string_view>

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

// Types outside forge's portable set, and options on its own types, as real projects write them,
// with createTable's uniqueKeys and a column's named `unique` (which makes nothing):
// forge spells each as sequelize does on that database (its own types or its own spelling), so
// the two tools build the same columns. Each database gets the types it has.
constexpr std::string_view k_types_migration = R"js('use strict';
module.exports = {
  async up(queryInterface, Sequelize) {
    const dialect = queryInterface.sequelize.getDialect();
    const T = Sequelize;
    const columns = {
      id: { type: T.INTEGER(11), primaryKey: true, autoIncrement: true },
      counter: { type: T.INTEGER.UNSIGNED, unique: 'pair' },  // no constraint, as sequelize
      small: T.SMALLINT.UNSIGNED,
      big: T.BIGINT(20),
      ratio: T.FLOAT(8),
      price: T.FLOAT(11, 2),
      precise: T.DOUBLE(11, 2),
      single: T.REAL,
      loose: T.DECIMAL,
      money: T.DECIMAL(10, 2).UNSIGNED,
      amount: T.NUMERIC(8, 3),
      token: T.STRING(64).BINARY,
      code: T.CHAR(3).BINARY,
      body: T.TEXT('long'),
      summary: T.TEXT('medium'),
      payload: T.BLOB('long'),
      at: T.DATE(6),
      clock: T.TIME,
      stamp: { type: 'TIMESTAMP', allowNull: true },
    };
    if (dialect !== 'postgres') {
      columns.flag = T.TINYINT(1);
      columns.level = T.MEDIUMINT.UNSIGNED;
    }
    if (dialect === 'postgres') {
      await queryInterface.sequelize.query('CREATE EXTENSION IF NOT EXISTS citext');
      columns.address = T.INET;
      columns.network = T.CIDR;
      columns.mac = T.MACADDR;
      columns.search = T.TSVECTOR;
      columns.tags = T.ARRAY(T.STRING(40));
      columns.scores = T.ARRAY(T.INTEGER);
      columns.times = T.ARRAY(T.DATE);
      columns.span = T.RANGE(T.INTEGER);
      columns.days = T.RANGE(T.DATEONLY);
    }
    if (dialect !== 'mysql') columns.email = T.CITEXT;
    if (dialect === 'mysql') columns.spot = T.GEOMETRY('POINT');
    await queryInterface.createTable('gadgets', columns, {
      uniqueKeys: { gadgets_small_big: { fields: ['small', 'big'] } },
    });
    await queryInterface.addColumn('gadgets', 'weight', T.DOUBLE(6, 1));
    // sequelize rebuilds a SQLite table for changeColumn and loses AUTOINCREMENT on the way.
    if (dialect !== 'sqlite') {
      await queryInterface.changeColumn('gadgets', 'summary', { type: T.TEXT('long') });
    }
  },
  async down(queryInterface) {
    await queryInterface.dropTable('gadgets');
  },
};
)js";

TEST_P(SequelizeCliPeer, TypesOutsideThePortableSetMakeTheSameColumnsAsSequelize) {
  fs::remove_all(project.path("db/migrations"));
  fs::remove_all(project.path("db/seeders"));
  project.write("db/migrations/20240401000000-gadgets.js", k_types_migration);
  const auto by_cli = sequelize_cli({"db:migrate"}, peer.url());
  ASSERT_EQ(by_cli.exit_code, 0) << by_cli;
  const auto by_forge = forge({"db:migrate"}, url());
  ASSERT_EQ(by_forge.exit_code, 0) << by_forge;
  EXPECT_EQ(db().schema(), CatalogProbe(peer.url()).schema());

  // Each undoes the other's.
  const auto forge_undo = forge({"db:migrate:undo"}, peer.url());
  ASSERT_EQ(forge_undo.exit_code, 0) << forge_undo;
  EXPECT_FALSE(CatalogProbe(peer.url()).has_table("gadgets"));
  const auto cli_undo = sequelize_cli({"db:migrate:undo"}, url());
  ASSERT_EQ(cli_undo.exit_code, 0) << cli_undo;
  EXPECT_FALSE(db().has_table("gadgets"));
}

INSTANTIATE_TEST_SUITE_P(AllDialects, SequelizeCliPeer, k_all_dialects, dialect_name);

}  // namespace
}  // namespace forge::e2e
