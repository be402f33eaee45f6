#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "util/file_stamp.hpp"

namespace forge::util {

/// One name in a folder, with what it leads to.
struct DirectoryEntry {
  std::string name;
  bool regular = false;            ///< leads to a regular file (a link is followed)
  bool link = false;               ///< is a symbolic link itself
  std::optional<FileStamp> stamp;  ///< of what it leads to, when asked for and it has one
};

/// What to learn of each entry beyond its name and type.
enum class Listing { names, stamps };

/// The entries of `folder`, in no particular order, without "." and "..". The file type comes
/// from the listing itself where the file system gives it (one stat only for links and unknown
/// types): a folder of 10,000 units is listed without 10,000 stats. With Listing::stamps each
/// entry's stamp is taken too, relative to the open folder (no path to walk for each).
/// Throws std::system_error.
std::vector<DirectoryEntry> list_directory(const std::filesystem::path& folder,
                                           Listing listing = Listing::names);

}  // namespace forge::util
