#pragma once
#include <filesystem>
#include <optional>
#include <string>

namespace forge::util {

/// The whole file as bytes; throws std::runtime_error naming the path when it cannot be read,
/// is a folder, or holds more than `max_bytes` (so /dev/zero or a huge file ends with a message,
/// not with the memory exhausted).
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes = std::size_t(1)
                                                                                 << 30);
/// read_file, except that a regular file of `map_from` bytes or more is not read: nullopt (the
/// caller maps it instead), found by the same open and fstat, with no extra look at the file.
std::optional<std::string> read_file_below(const std::filesystem::path& path, std::size_t map_from,
                                           std::size_t max_bytes = std::size_t(1) << 30);
/// Writes `content` to `path`, replacing the file whole: readers see the old or the new text,
/// never a part (a temporary file beside it, renamed over it). Throws std::runtime_error naming
/// the path when it cannot be written.
void replace_file(const std::filesystem::path& path, const std::string& content);

/// Creates `path` with `content`; returns false (writing nothing) when it already exists.
/// Throws std::runtime_error naming the path on any other failure.
bool write_new_file(const std::filesystem::path& path, const std::string& content);

}  // namespace forge::util
