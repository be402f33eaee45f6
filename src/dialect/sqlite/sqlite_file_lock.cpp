#include "dialect/sqlite/sqlite_file_lock.hpp"

#include "core/errors.hpp"
#include "util/utc_clock.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace forge::dialect::sqlite {

namespace {

class FileLock : public core::MigrationLock {
 public:
  explicit FileLock(int fd) : m_fd(fd) {}
  ~FileLock() override { ::close(m_fd); }  // closing the descriptor releases the flock
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int m_fd;
};

class NoLock : public core::MigrationLock {};

}  // namespace

std::unique_ptr<core::MigrationLock> lock_database_file(const std::string& database_path,
                                                        std::chrono::milliseconds wait) {
  if (database_path == ":memory:") return std::make_unique<NoLock>();  // private to this process
  const std::string path = database_path + ".forge-lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    throw ConnectionError("cannot open the lock file " + path + ": " + std::strerror(errno),
                          "Check that forge may write next to the database file.");
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  bool told = false;
  while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const int saved = errno;
      ::close(fd);
      throw ConnectionError("cannot lock " + path + ": " + std::strerror(saved), {});
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd);
      throw LockTimeout("another forge held the migration lock on " + database_path + " for over " +
                            util::seconds_text(wait),
                        "Look for a running 'forge' process using this database (lsof " + path +
                            "), or raise --lock-timeout.");
    }
    if (!told) {
      spdlog::info("waiting for the migration lock on {} (another forge is running)", database_path);
      told = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return std::make_unique<FileLock>(fd);
}

}  // namespace forge::dialect::sqlite
