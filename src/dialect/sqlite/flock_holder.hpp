#pragma once
#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>

namespace forge::dialect::sqlite {

/// Where a file lives, as /proc/locks names it: the device's major and minor and the inode.
struct FileIdentity {
  unsigned major = 0;
  unsigned minor = 0;
  unsigned long inode = 0;
};

/// The identity of the file `status` (from stat(2)) describes.
FileIdentity identity_of(const struct ::stat& status);

/// The pid that holds a granted flock(2) on `file`, read from `proc_locks` (the text of
/// /proc/locks); nullopt when none is listed. A line on the same inode of another device is
/// taken when no line matches exactly (overlay filesystems report the device differently).
std::optional<long> flock_holder_in(std::string_view proc_locks, const FileIdentity& file);

/// "pid 1234 (forge db:migrate --url sqlite:db/dev.sqlite3)": the pid and, when it can be read
/// from /proc, the process's command line (its program without the folder).
std::string describe_process(long pid);

/// Who holds a flock(2) on `file`, from /proc/locks: describe_process() of the holder, or
/// "another process" when /proc does not say.
std::string describe_flock_holder(const FileIdentity& file);

}  // namespace forge::dialect::sqlite
