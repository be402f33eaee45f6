#pragma once
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

namespace forge::testing {

/// A fresh folder under the system temp folder, removed with everything in it on destruction.
class TempFolder {
 public:
  TempFolder() {
    std::random_device seed;
    std::mt19937_64 random(seed());
    m_path = std::filesystem::temp_directory_path() / ("forge-unit-" + std::to_string(random()));
    std::filesystem::create_directories(m_path);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const noexcept { return m_path; }

  /// Writes `content` byte for byte to `relative` (creating its folders); returns the full path.
  std::filesystem::path write(const std::string& relative, std::string_view content) const {
    const auto full = m_path / relative;
    std::filesystem::create_directories(full.parent_path());
    std::ofstream out(full, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return full;
  }

 private:
  std::filesystem::path m_path;
};

}  // namespace forge::testing
