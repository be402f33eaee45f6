// Status and a no-op migrate read the units' names and checksums, not their statements (issue
// 16): they still tell changed and missing units apart, a file saved again with other line
// endings is no change, and a malformed unit is reported at its line when its statements are
// needed -- before anything runs.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class StatusWithoutStatements : public ForgeTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 5; ++i) {
      names.push_back(add_table_unit("2024010100000" + std::to_string(i),
                                     "create-t" + std::to_string(i), "t" + std::to_string(i)));
    }
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
  }
  std::string file_of(std::size_t i) const { return "migrations/" + names.at(i) + ".sql"; }

  std::vector<std::string> names;
};

TEST_F(StatusWithoutStatements, TellsTheChangedAndTheMissingUnitsFromTheRest) {
  project.write(file_of(1), unit_sql(create_table("t2") + "\n-- edited", "DROP TABLE t2;"));
  project.remove(file_of(3));

  const auto result = forge_db({"db:migrate:status"});

  ASSERT_EQ(result.exit_code, 0) << result;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 5u) << result;
  EXPECT_EQ(lines[0], "up " + names[0]);
  EXPECT_THAT(lines[1], HasSubstr("up " + names[1] + " (changed"));
  EXPECT_EQ(lines[2], "up " + names[2]);
  EXPECT_THAT(lines[3], HasSubstr(names[3] + " (missing file)"));
  EXPECT_EQ(lines[4], "up " + names[4]);
}

TEST_F(StatusWithoutStatements, ANoOpMigrateStillRefusesAChangedUnit) {
  project.write(file_of(4), unit_sql(create_table("t5") + "\n-- edited", "DROP TABLE t5;"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 5) << result;
  EXPECT_THAT(result.err, HasSubstr(names[4])) << result;
}

TEST_F(StatusWithoutStatements, AFileSavedAgainWithCrlfAndAByteOrderMarkIsNoChange) {
  std::string crlf;
  for (char c : unit_sql(create_table("t1"), "DROP TABLE t1;"))
    crlf += c == '\n' ? "\r\n" : std::string(1, c);
  project.write(file_of(0), "\xEF\xBB\xBF" + crlf);

  const auto status = forge_db({"db:migrate:status"});
  const auto migrate = forge_db({"db:migrate"});

  EXPECT_EQ(lines_of(status.out).at(0), "up " + names[0]) << status;
  EXPECT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_THAT(migrate.out, Not(HasSubstr("migrated"))) << migrate;
}

TEST_F(StatusWithoutStatements, AnAppliedUnitsDownIsReadOnlyWhenItIsUndone) {
  // A quote left open in the down section of the newest unit: nothing splits it until undo.
  project.write(file_of(4), unit_sql(create_table("t5"), "SELECT 'never closed;"));

  const auto status = forge_db({"db:migrate:status"});
  const auto noop = forge_db({"db:migrate"});
  const auto undo = forge_db({"db:migrate:undo"});

  EXPECT_EQ(status.exit_code, 0) << status;
  EXPECT_EQ(noop.exit_code, 0) << noop;
  EXPECT_EQ(undo.exit_code, 2) << undo;
  EXPECT_THAT(undo.err, HasSubstr(file_of(4) + ":")) << undo;
  EXPECT_THAT(undo.err, HasSubstr("unterminated quoted text")) << undo;
  EXPECT_TRUE(db().has_table("t5"));
}

TEST_F(StatusWithoutStatements, AMalformedPendingUnitStopsMigrateAtItsLineBeforeAnyUnitRuns) {
  add_table_unit("20240101000006", "create-t6", "t6");
  project.write("migrations/20240101000007-broken.sql",
                unit_sql("CREATE TABLE t7 (id INTEGER);\nSELECT 'never closed;", "DROP TABLE t7;"));

  const auto result = forge_db({"db:migrate"});

  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_THAT(result.err, HasSubstr("migrations/20240101000007-broken.sql:3")) << result;
  EXPECT_THAT(result.out, Not(HasSubstr("migrating"))) << result;
  EXPECT_FALSE(db().has_table("t6"));
  EXPECT_EQ(db().applied().size(), 5u);
}

// The unit cache: what the files gave when last read, kept by file stamp (FORGE_CACHE_DIR). A file
// changed in the last two seconds is not kept (its stamp might not show a second change within
// the same clock tick), so these units are given that time before forge first looks at them.
class StatusThroughTheCache : public ForgeTest {
 protected:
  void SetUp() override {
    cache = project.root().parent_path() / (project.root().filename().string() + "-cache");
    for (int i = 1; i <= 3; ++i) {
      names.push_back(add_table_unit("2024010100000" + std::to_string(i),
                                     "create-t" + std::to_string(i), "t" + std::to_string(i)));
    }
    project.write("migrations/20240101000004-create-y.yaml",
                  "up:\n  - createTable:\n      table: y\n      columns:\n"
                  "        id: { type: INTEGER, primaryKey: true }\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  }
  void TearDown() override { std::filesystem::remove_all(cache); }
  ProcessResult forge_cached(std::vector<std::string> args) const {
    return forge_db(std::move(args), {{"FORGE_CACHE_DIR", cache.string()}});
  }
  std::size_t cache_files() const {
    if (!std::filesystem::exists(cache)) return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(cache),
                                                  std::filesystem::directory_iterator()));
  }

  std::filesystem::path cache;
  std::vector<std::string> names;
};

TEST_F(StatusThroughTheCache, CachedUnitsRunAndAnEditKeepingSizeAndTimeIsStillAChange) {
  // A cache of forge's not written for 40 days is removed; other files in the folder are not.
  std::filesystem::create_directories(cache);
  const auto forty_days_ago =
      std::filesystem::file_time_type::clock::now() - std::chrono::hours(960);
  const std::string stale = "units-0123456789abcdef0123456789abcdef";
  for (const std::string name : {stale, std::string("units-notes.txt"), std::string("notes.txt")}) {
    std::ofstream(cache / name) << "kept by someone\n";
    std::filesystem::last_write_time(cache / name, forty_days_ago);
  }
  const auto first = forge_cached({"db:migrate:status"});
  ASSERT_EQ(first.exit_code, 0) << first;
  EXPECT_FALSE(std::filesystem::exists(cache / stale));
  EXPECT_TRUE(std::filesystem::exists(cache / "units-notes.txt"));
  EXPECT_TRUE(std::filesystem::exists(cache / "notes.txt"));
  EXPECT_EQ(cache_files(), 3u);  // the two files not forge's, and this folder's cache

  // Pending units known from the cache (SQL and YAML) run from their files.
  const auto migrate = forge_cached({"db:migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate;
  EXPECT_TRUE(db().has_table("t3"));
  EXPECT_TRUE(db().has_table("y"));
  EXPECT_EQ(db().applied().size(), 4u);
  const auto undo = forge_cached({"db:migrate:undo"});
  ASSERT_EQ(undo.exit_code, 0) << undo;
  EXPECT_FALSE(db().has_table("y"));  // the derived down, read through the cache

  const std::string file = "migrations/" + names[1] + ".sql";
  const auto path = project.root() / file;
  const auto written = std::filesystem::last_write_time(path);
  const std::string text = project.read(file);
  std::string edited = text;
  edited[edited.find("t2")] = 'u';  // same size
  project.write(file, edited);
  std::filesystem::last_write_time(path, written);

  const auto status = forge_cached({"db:migrate:status"});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_THAT(lines_of(status.out).at(1), HasSubstr("up " + names[1] + " (changed")) << status;
}

TEST_F(StatusThroughTheCache, NoCacheIsKeptWhenItIsTurnedOff) {
  const auto status = forge_db({"db:migrate:status"},
                               {{"FORGE_CACHE_DIR", cache.string()}, {"FORGE_NO_CACHE", "1"}});
  ASSERT_EQ(status.exit_code, 0) << status;
  EXPECT_EQ(cache_files(), 0u);
}

}  // namespace
}  // namespace forge::e2e
