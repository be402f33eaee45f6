#pragma once
#include <cstdint>
#include <optional>
#include <string>

namespace forge::util {

/// What the file system says of a file without reading it: enough to tell, like git's index,
/// that a file is the one read before. The change time cannot be set by a user (touch sets the
/// modification time only), so an edit that keeps size and mtime still shows.
struct FileStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool regular = false;  ///< a regular file (not a folder, pipe or device); not compared

  bool operator==(const FileStamp& other) const noexcept;
  bool operator!=(const FileStamp& other) const noexcept { return !(*this == other); }
};

/// The stamp of the file `path` leads to (links followed); nullopt when it cannot be stat'ed.
std::optional<FileStamp> stamp_of(const std::string& path) noexcept;
/// The same for `name` in the open folder `folder_fd`.
std::optional<FileStamp> stamp_of(int folder_fd, const char* name) noexcept;

/// The wall clock in nanoseconds since the epoch, as file times are kept.
std::int64_t wall_clock_ns() noexcept;

}  // namespace forge::util
