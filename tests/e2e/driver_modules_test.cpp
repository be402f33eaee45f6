// The server drivers are modules the binary loads when a URL or a lint needs them: a SQLite run
// maps none of their libraries, an installed layout finds them, and one that is missing or
// broken is a clear error (exit 2) that names the file and never a password.
#include <chrono>
#include <filesystem>
#include <thread>

#include "forge_test.hpp"

#ifndef FORGE_BUILT_BINARY
#error "FORGE_BUILT_BINARY must name the built forge executable"
#endif

namespace forge::e2e {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// A copy of the built forge in the project's bin/, with no driver beside it or in ../lib.
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
  void install_driver(const fs::path& module) const {
    const fs::path folder = project.path(fs::path("bin/..") / FORGE_DRIVER_DIR);
    fs::create_directories(folder);
    fs::copy_file(module, folder / module.filename());
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

TEST_F(DriverModules, AMissingDriverIsAUsageErrorThatNamesTheFileAndNoPassword) {
  add_table_unit("20240101000001", "create-users", "users");

  const auto result =
      run({"db:migrate:status", "--url", "postgres://app:s3cr3t-pw@127.0.0.1:9/app"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot load forge's postgres driver")) << result;
  EXPECT_THAT(result.err, HasSubstr("forge-postgres.so")) << result;
  EXPECT_THAT(result.err, HasSubstr("Reinstall forge")) << result;
  EXPECT_THAT(result.err + result.out, Not(HasSubstr("s3cr3t-pw"))) << result;
}

TEST_F(DriverModules, LintOfPostgresNeedsItsDriverToo) {
  project.write("migrations/20240101000001-index.sql",
                "-- forge:up\nCREATE INDEX users_email ON users (email);\n");

  const auto result = run({"lint", "--dialect", "postgres"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("forge-postgres.so")) << result;
}

TEST_F(DriverModules, AFileThatIsNoDriverIsRefused) {
  add_table_unit("20240101000001", "create-users", "users");
  project.write("bin/forge-mysql.so", "not a shared object\n");

  const auto result = run({"db:migrate:status", "--url", "mysql://app@127.0.0.1:9/app"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("cannot load forge's mysql driver")) << result;
  EXPECT_THAT(result.err, HasSubstr("bin/forge-mysql.so")) << result;
}

TEST_F(DriverModules, AnInstalledDriverIsFoundInTheLibraryFolder) {
  install_driver(FORGE_BUILT_MYSQL_DRIVER);
  install_driver(FORGE_BUILT_POSTGRES_DRIVER);
  project.write("migrations/20240101000001-index.sql",
                "-- forge:up\nCREATE INDEX users_email ON users (email);\n");

  // Loaded: the session is tried, and nobody listens on port 9.
  const auto mysql = run({"db:migrate:status", "--url", "mysql://app@127.0.0.1:9/app"});
  const auto lint = run({"lint", "--dialect", "postgres"});

  EXPECT_EQ(mysql.exit_code, 3) << mysql;
  EXPECT_THAT(mysql.err, Not(HasSubstr("cannot load"))) << mysql;
  EXPECT_THAT(lint.out + lint.err, HasSubstr("CONCURRENTLY")) << lint;
  EXPECT_THAT(lint.err, Not(HasSubstr("cannot load"))) << lint;
}

}  // namespace
}  // namespace forge::e2e
