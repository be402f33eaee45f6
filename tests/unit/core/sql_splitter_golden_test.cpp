// Golden files in the manner of goose's sqlparser tests: each folder under
// testdata/splitter/<NN-description>/ holds `input.sql`, `dialect` (sqlite, postgres or mysql)
// and `expected.txt`, which lists every statement the splitter must produce as a header line
// `@@ line <N>` followed by the statement's text.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "core/dialect_kind.hpp"
#include "core/sql_splitter.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace forge::core {
namespace {

namespace fs = std::filesystem;

const fs::path k_golden_root = fs::path(FORGE_TESTDATA) / "splitter";

std::vector<std::string> golden_cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(k_golden_root)) {
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Renders statements in the expected.txt format.
std::string render(const std::vector<Statement>& statements) {
  std::string out;
  for (const auto& statement : statements) {
    out += "@@ line " + std::to_string(statement.line) + "\n" + statement.text + "\n";
  }
  return out;
}

class SplitterGoldenFile : public ::testing::TestWithParam<std::string> {};

TEST_P(SplitterGoldenFile, SplitsInputIntoTheExpectedStatements) {
  const fs::path folder = k_golden_root / GetParam();
  const std::string dialect_name(util::trim(util::read_file(folder / "dialect")));
  const auto dialect = parse_dialect(dialect_name);
  ASSERT_TRUE(dialect) << "unknown dialect '" << dialect_name << "' in " << folder;
  const std::string input = util::normalize_newlines(util::read_file(folder / "input.sql"));
  const std::string expected = util::normalize_newlines(util::read_file(folder / "expected.txt"));
  const auto statements = split_sql(input, SqlOrigin{"input.sql", 1}, *dialect);
  EXPECT_EQ(render(statements), expected) << "golden case " << folder;
}

std::string case_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
      '_');
  return "case_" + name;
}

INSTANTIATE_TEST_SUITE_P(Testdata, SplitterGoldenFile, ::testing::ValuesIn(golden_cases()),
                         case_name);

TEST(SplitterGoldenFiles, AreThere) { EXPECT_GE(golden_cases().size(), 8u); }

}  // namespace
}  // namespace forge::core
