#pragma once
#include <filesystem>
#include <string>

namespace forge::util {

/// The whole file as bytes; throws std::runtime_error naming the path when it cannot be read.
std::string read_file(const std::filesystem::path& path);
/// Creates `path` with `content`; returns false (writing nothing) when it already exists.
/// Throws std::runtime_error naming the path on any other failure.
bool write_new_file(const std::filesystem::path& path, const std::string& content);

}  // namespace forge::util
