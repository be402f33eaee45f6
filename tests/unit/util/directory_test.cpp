#include "util/directory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <system_error>

#include "support/temp_folder.hpp"

namespace forge::util {
namespace {

namespace fs = std::filesystem;

const DirectoryEntry* named(const std::vector<DirectoryEntry>& entries, const std::string& name) {
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const DirectoryEntry& entry) { return entry.name == name; });
  return found == entries.end() ? nullptr : &*found;
}

class ListDirectoryTest : public ::testing::TestWithParam<Listing> {};

TEST_P(ListDirectoryTest, TellsFilesLinksAndFoldersApart) {
  testing::TempFolder folder;
  folder.write("file.sql", "SELECT 1;\n");
  fs::create_directory(folder.path() / "folder.sql");
  fs::create_symlink(folder.path() / "file.sql", folder.path() / "link.sql");
  fs::create_symlink(folder.path() / "missing.sql", folder.path() / "dangling.sql");
  const auto entries = list_directory(folder.path(), GetParam());
  ASSERT_EQ(entries.size(), 4U);
  EXPECT_EQ(named(entries, "."), nullptr);
  const auto* file = named(entries, "file.sql");
  const auto* sub = named(entries, "folder.sql");
  const auto* link = named(entries, "link.sql");
  const auto* dangling = named(entries, "dangling.sql");
  ASSERT_TRUE(file && sub && link && dangling);
  EXPECT_TRUE(file->regular && !file->link);
  EXPECT_TRUE(!sub->regular && !sub->link);
  EXPECT_TRUE(link->regular && link->link);
  EXPECT_TRUE(!dangling->regular && dangling->link);
  if (GetParam() == Listing::stamps) {
    ASSERT_TRUE(file->stamp.has_value());
    EXPECT_EQ(file->stamp->size, 10U);
    EXPECT_EQ(file->stamp, stamp_of((folder.path() / "link.sql").string()));  // followed
    EXPECT_FALSE(dangling->stamp.has_value());
  } else {
    EXPECT_FALSE(file->stamp.has_value());
  }
}

INSTANTIATE_TEST_SUITE_P(BothListings, ListDirectoryTest,
                         ::testing::Values(Listing::names, Listing::stamps));

TEST(ListDirectory, AMissingFolderThrowsNamingIt) {
  try {
    list_directory("/nonexistent/forge-folder");
    FAIL();
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/forge-folder"), std::string::npos);
  }
}

}  // namespace
}  // namespace forge::util
