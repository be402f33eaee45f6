// forge migration:generate (alias migration:create): new timestamped unit files.
#include <chrono>
#include <ctime>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class MigrationGenerate : public ForgeTest {
 protected:
  // The printed path with its newline removed.
  static std::string printed_path(const ProcessResult& result) {
    const auto lines = lines_of(result.out);
    return lines.empty() ? std::string() : lines.back();
  }
  // YYYYMMDDHHMMSS in UTC, the format of a generated version.
  static std::string utc_stamp_now() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M%S", &parts);
    return buffer;
  }
  static std::string version_of(const std::string& path) {
    return path.substr(std::string("migrations/").size(), 14);
  }
  std::vector<std::string> sql_files() const {
    return project.exists("migrations") ? project.list("migrations") : std::vector<std::string>{};
  }
};

TEST_F(MigrationGenerate, PrintsThePathOfANewUnitNamedWithAUtcTimestamp) {
  const std::string before = utc_stamp_now();
  const auto result = project.forge({"migration:generate", "--name", "add-users"});
  const std::string after = utc_stamp_now();

  ASSERT_EQ(result.exit_code, 0) << result;
  const std::string path = printed_path(result);
  ASSERT_THAT(path, MatchesRegex("migrations/[0-9]{14}-add-users\\.sql")) << result;
  EXPECT_GE(version_of(path), before);
  EXPECT_LE(version_of(path), after);
  EXPECT_TRUE(project.exists(path));
}

TEST_F(MigrationGenerate, WritesEmptyUpAndDownSections) {
  const auto result = project.forge({"migration:generate", "--name", "add-users"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const std::string text = project.read(printed_path(result));
  EXPECT_THAT(text, HasSubstr("-- forge:up"));
  EXPECT_THAT(text, HasSubstr("-- forge:down"));
  EXPECT_LT(position(text, "-- forge:up"), position(text, "-- forge:down"));
}

TEST_F(MigrationGenerate, IsAlsoCalledMigrationCreate) {
  const auto result = project.forge({"migration:create", "--name", "add-orders"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(printed_path(result), MatchesRegex("migrations/[0-9]{14}-add-orders\\.sql"));
  EXPECT_EQ(sql_files().size(), 1u);
}

TEST_F(MigrationGenerate, RefusesANameWithAPathSeparator) {
  const auto result = project.forge({"migration:generate", "--name", "../escape"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("invalid migration name")) << result;
  EXPECT_THAT(sql_files(), IsEmpty());
  EXPECT_THAT(result.out, IsEmpty());
}

TEST_F(MigrationGenerate, RefusesANameWithSpaces) {
  const auto result = project.forge({"migration:generate", "--name", "add users"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("invalid migration name")) << result;
  EXPECT_THAT(sql_files(), IsEmpty());
}

TEST_F(MigrationGenerate, RefusesAnEmptyName) {
  const auto result = project.forge({"migration:generate", "--name", ""});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(sql_files(), IsEmpty());
}

TEST_F(MigrationGenerate, RefusesToRunWithoutAName) {
  const auto result = project.forge({"migration:generate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(sql_files(), IsEmpty());
}

TEST_F(MigrationGenerate, TwoInARowGetDistinctIncreasingVersions) {
  const auto first = project.forge({"migration:generate", "--name", "first"});
  const auto second = project.forge({"migration:generate", "--name", "second"});

  ASSERT_EQ(first.exit_code, 0) << first;
  ASSERT_EQ(second.exit_code, 0) << second;
  const auto first_version = std::stoull(version_of(printed_path(first)));
  const auto second_version = std::stoull(version_of(printed_path(second)));
  EXPECT_LT(first_version, second_version);
  EXPECT_EQ(sql_files().size(), 2u);
}

TEST_F(MigrationGenerate, SortsAfterAnExistingUnitWithAFutureVersion) {
  project.write("migrations/29991231235959-from-the-future.sql", unit_sql("", ""));

  const auto result = project.forge({"migration:generate", "--name", "next"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(printed_path(result), "migrations/29991231235960-next.sql");
}

TEST_F(MigrationGenerate, WritesIntoTheMigrationsPathGiven) {
  const auto result =
      project.forge({"migration:generate", "--name", "x", "--migrations-path", "db/migrations"});

  ASSERT_EQ(result.exit_code, 0) << result;
  EXPECT_THAT(printed_path(result), MatchesRegex("db/migrations/[0-9]{14}-x\\.sql"));
}

TEST_F(MigrationGenerate, MakesAUnitThatMigratesAndUndoesAsANoOp) {
  const auto generated = project.forge({"migration:generate", "--name", "nothing-yet"});
  ASSERT_EQ(generated.exit_code, 0) << generated;
  const std::string stem = stem_of(printed_path(generated));

  const auto migrated = forge_db({"db:migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_THAT(db().applied(), ::testing::ElementsAre(stem));
  const auto undone = forge_db({"db:migrate:undo"});
  ASSERT_EQ(undone.exit_code, 0) << undone;
  EXPECT_THAT(db().applied(), IsEmpty());
}

}  // namespace
}  // namespace forge::e2e
