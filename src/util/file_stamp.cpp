#include "util/file_stamp.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <ctime>

namespace forge::util {

namespace {
std::int64_t nanoseconds(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}
}  // namespace

bool FileStamp::operator==(const FileStamp& other) const noexcept {
  return size == other.size && mtime_ns == other.mtime_ns && ctime_ns == other.ctime_ns &&
         inode == other.inode && device == other.device;
}

std::optional<FileStamp> stamp_of(const std::string& path) noexcept {
  return stamp_of(AT_FDCWD, path.c_str());
}

std::optional<FileStamp> stamp_of(int folder_fd, const char* name) noexcept {
  struct stat status {};
  if (::fstatat(folder_fd, name, &status, 0) != 0) return std::nullopt;
  FileStamp stamp;
  stamp.size = static_cast<std::uint64_t>(status.st_size);
  stamp.mtime_ns = nanoseconds(status.st_mtim);
  stamp.ctime_ns = nanoseconds(status.st_ctim);
  stamp.inode = static_cast<std::uint64_t>(status.st_ino);
  stamp.device = static_cast<std::uint64_t>(status.st_dev);
  stamp.regular = S_ISREG(status.st_mode);
  return stamp;
}

std::int64_t wall_clock_ns() noexcept {
  timespec now{};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

}  // namespace forge::util
