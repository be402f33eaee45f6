#include "dialect/sqlite/sqlite_file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

#include "core/errors.hpp"
#include "core/lock_wait.hpp"
#include "dialect/sqlite/flock_holder.hpp"

namespace forge::dialect::sqlite {

namespace {

constexpr auto k_retry_pause = std::chrono::milliseconds(50);

// The descriptor this process locks a database file through. It is opened once per file and
// never closed: closing any descriptor of a file drops every POSIX lock the process holds on
// it, and SQLite's own locks on the database are POSIX locks (flock's are independent of them).
struct OpenFile {
  int fd = -1;
  pid_t owner = 0;    // a forked child opens its own: a shared descriptor would share the flock
  bool held = false;  // a session of this process holds the migration lock through it
};

// The registry's entry for a file, and the file's identity as /proc/locks names it.
struct Target {
  OpenFile* file;
  FileIdentity identity;
};

std::mutex& registry_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::map<std::pair<dev_t, ino_t>, OpenFile>& registry() {
  static std::map<std::pair<dev_t, ino_t>, OpenFile> files;
  return files;
}

[[noreturn]] void throw_unusable(const std::string& path, const std::string& what) {
  throw ConnectionError("cannot " + what + " SQLite database " + path + ": " + std::strerror(errno),
                        "Check the path in the URL and that forge may read the file.");
}

// False for an entry inherited through fork() or left by a file deleted since (its inode
// number may come back for a new file).
bool is_current(const OpenFile& file) {
  struct stat status {};
  return file.owner == ::getpid() && ::fstat(file.fd, &status) == 0 && status.st_nlink > 0;
}

// The registry's entry for the file at `path`, opened read-only the first time (flock needs
// no write access). Call with registry_mutex() held. nullopt when no file is there. A stale
// entry's descriptor is left open: closing it could drop SQLite's locks in this process.
std::optional<Target> find_open_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    if (errno == ENOENT) return std::nullopt;
    throw_unusable(path, "find");
  }
  OpenFile& file = registry()[{status.st_dev, status.st_ino}];
  if (file.fd < 0 || !is_current(file)) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) throw_unusable(path, "open");
    file = OpenFile{fd, ::getpid(), false};
  }
  return Target{&file, identity_of(status)};
}

class FileLock : public core::MigrationLock {
 public:
  explicit FileLock(OpenFile& file) : m_file(file), m_fd(file.fd) {}
  ~FileLock() override {
    std::lock_guard<std::mutex> guard(registry_mutex());
    ::flock(m_fd, LOCK_UN);  // unlocks only: the descriptor stays open (see OpenFile)
    if (m_file.fd == m_fd) m_file.held = false;
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  OpenFile& m_file;  // std::map entries never move
  int m_fd;
};

class NoLock : public core::MigrationLock {};

// One attempt: the lock, or nullptr while another process or session holds it.
std::unique_ptr<core::MigrationLock> try_lock(const Target& target, const std::string& path) {
  OpenFile& file = *target.file;
  if (file.held) return nullptr;
  if (::flock(file.fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK || errno == EINTR) return nullptr;
    throw_unusable(path, "lock");
  }
  file.held = true;
  return std::make_unique<FileLock>(file);
}

// find_open_file() for a file that must be there: a database file that vanished cannot be locked.
Target existing_target(const std::string& path) {
  auto target = find_open_file(path);
  if (!target) {
    errno = ENOENT;
    throw_unusable(path, "lock");
  }
  return *target;
}

}  // namespace

std::unique_ptr<core::MigrationLock> lock_database_file(const std::string& database_path,
                                                        std::chrono::milliseconds wait) {
  if (database_path == ":memory:") return std::make_unique<NoLock>();  // private to this process
  std::unique_ptr<core::MigrationLock> lock;
  FileIdentity identity;
  core::wait_for_lock(
      [&] {
        std::lock_guard<std::mutex> guard(registry_mutex());
        const Target target = existing_target(database_path);
        identity = target.identity;
        lock = try_lock(target, database_path);
        return lock != nullptr;
      },
      wait,
      {database_path,
       "Wait for that process to finish, or end it; raise --lock-timeout to wait longer."},
      [&] { return std::optional<std::string>(describe_flock_holder(identity)); }, {},
      k_retry_pause);
  return lock;
}

std::optional<std::string> sqlite_lock_holder(const std::string& database_path) {
  if (database_path == ":memory:") return std::nullopt;
  try {
    std::lock_guard<std::mutex> guard(registry_mutex());
    const auto target = find_open_file(database_path);
    if (!target) return std::nullopt;
    const int fd = target->file->fd;
    if (!target->file->held) {  // a shared lock on our own descriptor would weaken our own hold
      if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
        return std::nullopt;
      }
      if (errno != EWOULDBLOCK) return std::nullopt;
    }
    return describe_flock_holder(target->identity);
  } catch (const ConnectionError&) {
    return std::nullopt;  // an unreadable file: nobody can be seen holding it
  }
}

}  // namespace forge::dialect::sqlite
