// Several forge processes on one SQLite file: a flock on the database file serialises them.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr int k_processes = 4;
constexpr int k_inserts = 5;

// Holds an exclusive flock on a file for the object's lifetime, as another forge would.
class HeldFlock {
 public:
  explicit HeldFlock(const std::filesystem::path& file)
      : m_fd(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    m_locked = m_fd >= 0 && ::flock(m_fd, LOCK_EX | LOCK_NB) == 0;
  }
  ~HeldFlock() {
    if (m_fd >= 0) ::close(m_fd);
  }
  bool locked() const { return m_locked; }

 private:
  int m_fd;
  bool m_locked = false;
};

class Concurrency : public ForgeTest {
 protected:
  // One unit creates a log table; each later unit adds one row, so a unit applied twice shows.
  void SetUp() override {
    add_table_unit("20240101000000", "create-log", "log");
    for (int i = 1; i <= k_inserts; ++i) {
      project.write(
          "migrations/2024010100000" + std::to_string(i) + "-insert-" + std::to_string(i) + ".sql",
          unit_sql("INSERT INTO log DEFAULT VALUES;",
                   "DELETE FROM log WHERE id = " + std::to_string(i) + ";"));
    }
  }
};

TEST_F(Concurrency, FourSimultaneousMigratesAllSucceedAndApplyEveryUnitExactlyOnce) {
  std::vector<std::unique_ptr<Process>> running;
  for (int i = 0; i < k_processes; ++i) {
    running.push_back(project.start_forge({"db:migrate", "--url", k_url}));
  }
  std::vector<ProcessResult> results;
  for (auto& process : running) results.push_back(process->wait());

  std::size_t migrated_lines = 0;
  for (const auto& result : results) {
    EXPECT_EQ(result.exit_code, 0) << result;
    migrated_lines += occurrences(result.out, ": migrated (");
  }
  EXPECT_EQ(migrated_lines, static_cast<std::size_t>(1 + k_inserts));
  EXPECT_EQ(db().history().size(), static_cast<std::size_t>(1 + k_inserts));
  EXPECT_EQ(db().count("log"), k_inserts);
  EXPECT_FALSE(project.exists(k_db + ".forge-lock"));
}

TEST_F(Concurrency, SimultaneousMigrateAndStatusBothSucceed) {
  auto migrate = project.start_forge({"db:migrate", "--url", k_url});
  auto status = project.start_forge({"db:migrate:status", "--url", k_url});
  const auto migrated = migrate->wait();
  const auto listed = status->wait();

  EXPECT_EQ(migrated.exit_code, 0) << migrated;
  EXPECT_EQ(listed.exit_code, 0) << listed;
  EXPECT_EQ(lines_of(listed.out).size(), static_cast<std::size_t>(1 + k_inserts)) << listed;
  EXPECT_EQ(db().count("log"), k_inserts);
}

TEST_F(Concurrency, ALockHeldElsewhereMakesForgeGiveUpWithExitFourAndApplyNothing) {
  project.write(k_db, "");  // an empty file is an empty SQLite database
  HeldFlock other(project.path(k_db));
  ASSERT_TRUE(other.locked());

  const auto result = forge_db({"db:migrate", "--lock-timeout", "0.3"});

  EXPECT_EQ(result.exit_code, 4) << result;
  EXPECT_THAT(result.err, HasSubstr("held by pid " + std::to_string(::getpid()))) << result;
  EXPECT_THAT(result.out, IsEmpty()) << result;
  EXPECT_THAT(db().applied(), IsEmpty());
}

TEST_F(Concurrency, ALockFileLeftByAnOlderForgeNeitherBlocksNorIsCreated) {
  std::filesystem::create_directories(project.path("db"));
  HeldFlock old(project.path(k_db + ".forge-lock"));
  ASSERT_TRUE(old.locked());

  const auto result = forge_db({"db:migrate", "--lock-timeout", "0.3"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("log"), k_inserts);
}

TEST_F(Concurrency, ForgeProceedsOnceTheOtherLockIsReleased) {
  project.write(k_db, "");
  {
    HeldFlock other(project.path(k_db));
    ASSERT_TRUE(other.locked());
    ASSERT_EQ(forge_db({"db:migrate", "--lock-timeout", "0.2"}).exit_code, 4);
  }

  const auto result = forge_db({"db:migrate", "--lock-timeout", "0.2"});

  EXPECT_EQ(result.exit_code, 0) << result;
  EXPECT_EQ(db().count("log"), k_inserts);
}

}  // namespace
}  // namespace forge::e2e
