// The migration lock of a SQLite database belongs to the file, not to the path that names it:
// a second forge that reaches the file another way (a symlink, a hard link, another spelling of
// the path) waits for the first and gives up naming it. No lock file is made or obeyed beside
// the database.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <thread>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

// SQLite has no sleep function: counting to ten million keeps it busy for a few seconds.
constexpr const char* k_slow_sql =
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) "
    "SELECT count(*) FROM c;";

// True when another process holds an exclusive flock on `file` (a shared one cannot be had).
bool locked_elsewhere(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
  ::close(fd);
  return locked;
}

class LockIdentity : public ForgeTest {
 protected:
  // The database exists with one unit applied; the next unit is slow, so the forge that
  // applies it holds the lock for seconds.
  void SetUp() override {
    add_table_unit("20240101000000", "create-first", "first");
    ASSERT_EQ(forge_db({"db:migrate"}).exit_code, 0);
    project.write("migrations/20240101000001-slow.sql",
                  unit_sql(std::string("CREATE TABLE slow (id INTEGER);\n") + k_slow_sql,
                           "DROP TABLE slow;"));
  }

  // Starts the forge that applies the slow unit, and waits until it holds the lock.
  std::unique_ptr<Process> start_holder() const {
    auto holder = project.start_forge({"db:migrate", "--url", k_url});
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!locked_elsewhere(project.path(k_db)) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    return holder;
  }

  // While a forge applies the slow unit, a second one on `url` must wait, give up with exit 4
  // naming the first one's pid, and leave the first to apply every unit exactly once.
  void expect_second_forge_to_wait(const std::string& url) const {
    auto holder = start_holder();
    const pid_t holder_pid = holder->pid();
    ASSERT_TRUE(locked_elsewhere(project.path(k_db))) << "the first forge never took the lock";

    const auto second = project.forge({"db:migrate", "--url", url, "--lock-timeout", "0.5"});
    const auto first = holder->wait();

    EXPECT_EQ(second.exit_code, 4) << second;
    EXPECT_THAT(second.err, HasSubstr("waiting for the migration lock")) << second;
    EXPECT_THAT(second.err,
                HasSubstr("held by pid " + std::to_string(holder_pid) + " (forge db:migrate"))
        << second;
    EXPECT_EQ(first.exit_code, 0) << first;
    EXPECT_EQ(db().applied().size(), 2u);
    EXPECT_EQ(db().count("slow"), 0);
    EXPECT_FALSE(project.exists(k_db + ".forge-lock"));
  }
};

TEST_F(LockIdentity, ASecondForgeThroughASymlinkWaitsForTheFirst) {
  std::filesystem::create_symlink(project.path(k_db), project.path("link.sqlite3"));

  expect_second_forge_to_wait("sqlite:link.sqlite3");
  EXPECT_FALSE(project.exists("link.sqlite3.forge-lock"));
}

TEST_F(LockIdentity, ASecondForgeThroughAnotherSpellingOfThePathWaitsForTheFirst) {
  expect_second_forge_to_wait("sqlite:db/./dev.sqlite3");
}

TEST_F(LockIdentity, ASecondForgeThroughAHardLinkWaitsForTheFirst) {
  std::filesystem::create_hard_link(project.path(k_db), project.path("db/hard.sqlite3"));

  expect_second_forge_to_wait("sqlite:db/hard.sqlite3");
  EXPECT_FALSE(project.exists("db/hard.sqlite3.forge-lock"));
}

TEST_F(LockIdentity, ASecondForgeWaitsWhateverLockFilesAreDeletedBesideTheDatabase) {
  project.write(k_db + ".forge-lock", "");  // as an older forge left it
  project.remove(k_db + ".forge-lock");

  expect_second_forge_to_wait(k_url);
}

}  // namespace
}  // namespace forge::e2e
