#include "util/files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <thread>
#include <vector>

#include "support/temp_folder.hpp"

namespace forge::util {
namespace {

// Several writers replacing one file at once (two forge runs, or a fleet run's threads, saving
// one cache): readers afterwards find one writer's text whole, and no temporary file is left.
TEST(ReplaceFile, WritersAtOnceLeaveOneWholeTextAndNoTemporaryFile) {
  testing::TempFolder folder;
  const auto target = folder.path() / "shared";
  std::vector<std::string> texts;
  for (char c = 'a'; c < 'a' + 6; ++c) texts.emplace_back(std::size_t(1) << 18, c);
  std::vector<std::thread> writers;
  for (const auto& text : texts) {
    writers.emplace_back([&target, &text] {
      for (int i = 0; i < 20; ++i) replace_file(target, text);
    });
  }
  for (auto& writer : writers) writer.join();
  const std::string found = read_file(target);
  EXPECT_NE(std::find(texts.begin(), texts.end(), found), texts.end())
      << "the file holds parts of several writers' texts";
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder.path())) {
    names.insert(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::set<std::string>{"shared"});
}

TEST(ReplaceFile, AFolderThatCannotBeWrittenIsAnErrorNamingTheFile) {
  testing::TempFolder folder;
  folder.write("blocked", "a file where a folder would be");
  try {
    replace_file(folder.path() / "blocked" / "file", "text");
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("blocked/file"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace forge::util
