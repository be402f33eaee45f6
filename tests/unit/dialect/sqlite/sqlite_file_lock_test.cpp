#include "dialect/sqlite/sqlite_file_lock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "dialect/sqlite/flock_holder.hpp"

namespace forge::dialect::sqlite {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::Optional;

constexpr const char* k_proc_locks =
    "1: POSIX  ADVISORY  WRITE 900 fe:00:42 0 EOF\n"
    "2: FLOCK  ADVISORY  WRITE 1234 fe:00:42 0 EOF\n"
    "2: -> FLOCK  ADVISORY  WRITE 77 fe:00:42 0 EOF\n"
    "3: FLOCK  ADVISORY  READ 555 08:01:43 0 EOF\n";

TEST(FlockHolderIn, FindsTheFlockOnTheSameDeviceAndInode) {
  EXPECT_THAT(flock_holder_in(k_proc_locks, {0xfe, 0x00, 42}), Optional(1234L));
}

TEST(FlockHolderIn, IgnoresPosixLocksAndWaiters) {
  EXPECT_EQ(flock_holder_in("1: POSIX  ADVISORY  WRITE 900 fe:00:42 0 EOF\n"
                            "2: -> FLOCK  ADVISORY  WRITE 77 fe:00:42 0 EOF\n",
                            {0xfe, 0x00, 42}),
            std::nullopt);
}

TEST(FlockHolderIn, TakesTheSameInodeOnAnotherDeviceWhenNothingMatchesExactly) {
  EXPECT_THAT(flock_holder_in(k_proc_locks, {0x00, 0x2e, 43}), Optional(555L));
  EXPECT_EQ(flock_holder_in(k_proc_locks, {0xfe, 0x00, 44}), std::nullopt);
}

class FileLock : public ::testing::Test {
 protected:
  void SetUp() override {
    m_folder = std::filesystem::temp_directory_path() /
               ("forge-lock-test-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(m_folder);
    std::ofstream(m_folder / "db.sqlite3").flush();
  }
  void TearDown() override { std::filesystem::remove_all(m_folder); }
  std::string path(const std::string& name) const { return (m_folder / name).string(); }

 private:
  std::filesystem::path m_folder;
};

TEST_F(FileLock, NobodyHoldsTheLockOfAFreeOrMissingFile) {
  EXPECT_EQ(sqlite_lock_holder(path("db.sqlite3")), std::nullopt);
  EXPECT_EQ(sqlite_lock_holder(path("missing.sqlite3")), std::nullopt);
  EXPECT_EQ(sqlite_lock_holder(":memory:"), std::nullopt);
}

TEST_F(FileLock, TheProbeNamesTheHolderAndLeavesTheLockHeld) {
  const auto held = lock_database_file(path("db.sqlite3"), 1s);

  EXPECT_THAT(sqlite_lock_holder(path("db.sqlite3")),
              Optional(HasSubstr("pid " + std::to_string(::getpid()))));
  EXPECT_THROW(lock_database_file(path("db.sqlite3"), 100ms), LockTimeout);
}

TEST_F(FileLock, ASymlinkMeetsTheLockOfTheFileItNames) {
  std::filesystem::create_symlink(path("db.sqlite3"), path("link.sqlite3"));
  {
    const auto held = lock_database_file(path("db.sqlite3"), 1s);
    EXPECT_THROW(lock_database_file(path("link.sqlite3"), 100ms), LockTimeout);
  }
  EXPECT_NO_THROW(lock_database_file(path("link.sqlite3"), 100ms));
  EXPECT_FALSE(std::filesystem::exists(path("db.sqlite3.forge-lock")));
}

TEST_F(FileLock, TheTimeoutNamesTheHoldersPid) {
  const auto held = lock_database_file(path("db.sqlite3"), 1s);
  try {
    lock_database_file(path("db.sqlite3"), 50ms);
    FAIL() << "no timeout";
  } catch (const LockTimeout& e) {
    EXPECT_THAT(e.what(), HasSubstr("held by pid " + std::to_string(::getpid())));
  }
}

}  // namespace
}  // namespace forge::dialect::sqlite
