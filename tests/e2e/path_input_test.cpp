// Paths and names the system refuses or that would change a file's meaning: each ends with exit
// 2 and a message naming the path or name -- never "unexpected failure", never a unit skipped as
// if it were not there, never the memory exhausted by /dev/zero.
#include <sys/stat.h>

#include <filesystem>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

namespace fs = std::filesystem;

class PathInput : public ForgeTest {
 protected:
  void SetUp() override {
    ForgeTest::SetUp();
    add_table_unit("1", "create-t", "t");
  }
  void expect_usage_error(const ProcessResult& result, const std::string& says) {
    EXPECT_EQ(result.exit_code, 2) << result;
    EXPECT_THAT(result.err, HasSubstr(says)) << result;
    EXPECT_THAT(result.err, Not(HasSubstr("unexpected failure"))) << result;
  }
};

TEST_F(PathInput, AUnitThatIsALoopOfLinksIsAnErrorNamingIt) {
  fs::create_symlink("2_b.sql", project.path("migrations/2_a.sql"));
  fs::create_symlink("2_a.sql", project.path("migrations/2_b.sql"));

  expect_usage_error(forge_db({"db:migrate"}), "a link that leads to no readable file");
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(PathInput, AUnitThatIsADanglingLinkIsNotSkipped) {
  fs::create_symlink("gone.sql", project.path("migrations/2_add-u.sql"));

  expect_usage_error(forge_db({"db:migrate"}), "migrations/2_add-u.sql: a link that leads to no");
}

TEST_F(PathInput, AFolderOrPipeWithAUnitsNameIsNotSkipped) {
  fs::create_directories(project.path("migrations/2_add-u.sql"));
  expect_usage_error(forge_db({"db:migrate"}),
                     "migrations/2_add-u.sql: has a unit's name but is no");
  fs::remove(project.path("migrations/2_add-u.sql"));
  ASSERT_EQ(::mkfifo(project.path("migrations/3_add-v.up.sql").c_str(), 0644), 0);
  expect_usage_error(forge_db({"db:migrate"}), "migrations/3_add-v.up.sql: has a unit's name but");
  EXPECT_FALSE(project.exists(k_db));
}

TEST_F(PathInput, AConfigFileThatNeverEndsIsRefusedAtItsBound) {
  expect_usage_error(project.forge({"db:migrate:status", "--config", "/dev/zero"}),
                     "cannot read /dev/zero: it holds more than 16 MiB");
}

TEST_F(PathInput, AConfigPathThatIsAFolderIsRefused) {
  expect_usage_error(project.forge({"db:migrate:status", "--config", "migrations"}),
                     "it is a folder");
}

TEST_F(PathInput, AHugeConfigPathIsRefusedShortened) {
  const auto result = project.forge({"db:migrate:status", "--config", std::string(100000, 'c')});

  expect_usage_error(result, "File name too long");
  EXPECT_LT(result.err.size(), 1000u) << "the whole path was printed";
}

TEST_F(PathInput, AGeneratedUnitNameOfThreeHundredBytesIsRefused) {
  expect_usage_error(project.forge({"migration:generate", "--name", std::string(300, 'a')}),
                     "300 bytes long; at most 200");
}

// Each would be read back as something else: golang-migrate's up or down file, a PostgreSQL-only
// unit, popx's autocommit option.
TEST_F(PathInput, AGeneratedUnitNameThatChangesTheFilesMeaningIsRefused) {
  for (const std::string name : {"rev.up", "oops.down", "x.postgres", "y.autocommit"}) {
    expect_usage_error(project.forge({"migration:generate", "--name", name}),
                       "'" + name + "' would change what the file");
  }
  EXPECT_EQ(project.list("migrations").size(), 1u);
}

}  // namespace
}  // namespace forge::e2e
