#include "util/directory.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>
#include <memory>
#include <string_view>
#include <system_error>

namespace forge::util {

namespace {
struct CloseDirectory {
  void operator()(DIR* directory) const noexcept { ::closedir(directory); }
};
using DirectoryHandle = std::unique_ptr<DIR, CloseDirectory>;

bool leads_to_regular_file(DIR* directory, const char* name) {
  struct stat status {};
  return ::fstatat(::dirfd(directory), name, &status, 0) == 0 && S_ISREG(status.st_mode);
}

bool is_link(DIR* directory, const char* name) {
  struct stat status {};
  return ::fstatat(::dirfd(directory), name, &status, AT_SYMLINK_NOFOLLOW) == 0 &&
         S_ISLNK(status.st_mode);
}

// Fills in what the listing did not give: for links and unknown types what they lead to, and
// each entry's stamp when asked for.
void look_at(DIR* directory, Listing listing, std::vector<DirectoryEntry>& entries,
             const std::vector<bool>& unknown) {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    DirectoryEntry& entry = entries[i];
    const char* name = entry.name.c_str();
    if (unknown[i]) entry.link = is_link(directory, name);
    if (listing == Listing::stamps) {
      entry.stamp = stamp_of(::dirfd(directory), name);
      if (entry.link || unknown[i]) entry.regular = entry.stamp && entry.stamp->regular;
    } else if (entry.link || unknown[i]) {
      entry.regular = leads_to_regular_file(directory, name);
    }
  }
}

}  // namespace

std::vector<DirectoryEntry> list_directory(const std::filesystem::path& folder, Listing listing) {
  const DirectoryHandle directory(::opendir(folder.c_str()));
  if (!directory) throw std::system_error(errno, std::generic_category(), folder.string());
  std::vector<DirectoryEntry> entries;
  std::vector<bool> unknown;
  errno = 0;
  while (const dirent* found = ::readdir(directory.get())) {
    const std::string_view name = found->d_name;
    if (name == "." || name == "..") continue;
    entries.push_back(
        DirectoryEntry{std::string(name), found->d_type == DT_REG, found->d_type == DT_LNK, {}});
    unknown.push_back(found->d_type == DT_UNKNOWN);
    errno = 0;
  }
  if (errno != 0) throw std::system_error(errno, std::generic_category(), folder.string());
  look_at(directory.get(), listing, entries, unknown);
  return entries;
}

}  // namespace forge::util
