// Only src/declarative/*.cpp may include yaml-cpp; every header exposes forge types only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace forge::declarative {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(YamlBoundary, OnlyDeclarativeSourceFilesIncludeYamlCpp) {
  const fs::path src = fs::path(FORGE_TESTDATA).parent_path().parent_path() / "src";
  ASSERT_TRUE(fs::is_directory(src)) << src;
  int includers = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    if (read(entry.path()).find("<yaml-cpp/") == std::string::npos) continue;
    ++includers;
    EXPECT_EQ(entry.path().parent_path().filename(), "declarative") << entry.path();
    EXPECT_EQ(entry.path().extension(), ".cpp") << entry.path();
  }
  EXPECT_GE(includers, 1);
}

}  // namespace
}  // namespace forge::declarative
