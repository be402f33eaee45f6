#include "core/statement_hashes.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "util/sha256.hpp"

namespace forge::core {
namespace {

StatementHashes hashes_of(const std::vector<std::string>& texts) {
  StatementHashes hashes;
  for (const auto& text : texts) hashes.add(text);
  return hashes;
}

// What forge before the chain stored: every statement's SHA-256, comma-separated.
std::string listed(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) out += (out.empty() ? "" : ",") + util::sha256_hex(text);
  return out;
}

TEST(StatementHashes, TheStoredTextDoesNotGrowWithTheNumberOfStatements) {
  std::vector<std::string> many;
  for (int i = 0; i < 20000; ++i)
    many.push_back("INSERT INTO t VALUES (" + std::to_string(i) + ")");
  const std::string two = hash_statements({"a", "b"});
  const std::string all = hash_statements(many);
  EXPECT_LT(all.size(), 160u);
  EXPECT_LE(all.size(), two.size() + 4);  // only the count's digits differ in length
  EXPECT_EQ(stored_count(all), 20000u);
}

TEST(StatementHashes, MatchesTheSameStatementsOnly) {
  const StatementHashes now = hashes_of({"a", "b", "c"});
  EXPECT_TRUE(now.matches(hash_statements({"a", "b", "c"}), 3));
  EXPECT_TRUE(now.matches(hash_statements({"a", "b"}), 2));
  EXPECT_TRUE(now.matches("", 0));
  EXPECT_FALSE(now.matches(hash_statements({"x", "b", "c"}), 3));  // the first one changed
  EXPECT_FALSE(now.matches(hash_statements({"a", "x", "c"}), 3));
  EXPECT_FALSE(now.matches(hash_statements({"a", "b", "x"}), 3));
  EXPECT_FALSE(now.matches(hash_statements({"a", "b"}), 3));  // another count
  EXPECT_FALSE(now.matches(hash_statements({"a", "b", "c"}), 2));
  EXPECT_FALSE(now.matches("c1:3:nonsense:nonsense", 3));
  EXPECT_FALSE(now.matches("c1:99999999999999999999999999:x:y", 3));  // edited by hand
  EXPECT_FALSE(now.matches("c1:x:y", 3));
  // Statements joined differently are other statements.
  EXPECT_FALSE(hashes_of({"ab", "c"}).matches(hash_statements({"a", "bc"}), 2));
}

TEST(StatementHashes, ReadsTheListThatEarlierVersionsStored) {
  const StatementHashes now = hashes_of({"a", "b", "c"});
  EXPECT_TRUE(now.matches(listed({"a", "b", "c"}), 3));
  EXPECT_TRUE(hashes_of({"a"}).matches(listed({"a"}), 1));
  EXPECT_FALSE(now.matches(listed({"a", "b"}), 3));  // another count
  EXPECT_FALSE(now.matches(listed({"a", "x", "c"}), 3));
  EXPECT_EQ(stored_count(listed({"a", "b", "c"})), 3u);
  EXPECT_EQ(stored_count(""), 0u);
  EXPECT_EQ(first_hashes(listed({"a", "b", "c"}), 2), listed({"a", "b"}));
  EXPECT_EQ(first_hashes(listed({"a", "b", "c"}), 7), listed({"a", "b", "c"}));
}

TEST(StatementHashes, AChainGivesItsLastTwoCountsOnly) {
  const std::string all = hash_statements({"a", "b", "c"});
  EXPECT_EQ(first_hashes(all, 0), "");
  EXPECT_EQ(first_hashes(all, 3), all);
  const auto two = first_hashes(all, 2);
  ASSERT_TRUE(two.has_value());
  EXPECT_TRUE(hashes_of({"a", "b"}).matches(*two, 2));
  EXPECT_FALSE(hashes_of({"a", "x"}).matches(*two, 2));
  EXPECT_EQ(stored_count(*two), 2u);
  EXPECT_FALSE(first_hashes(all, 1).has_value());  // not kept: the caller checks at the end
  EXPECT_FALSE(first_hashes(*two, 1).has_value());
}

TEST(StatementHashes, StoredGivesTheLastCounts) {
  const std::vector<std::string> texts = {"a", "b", "c", "d", "e"};
  const StatementHashes now = hashes_of(texts);
  for (std::size_t k = 0; k <= texts.size(); ++k) {
    const std::vector<std::string> first(texts.begin(), texts.begin() + static_cast<long>(k));
    const bool kept = k == 0 || k + StatementHashes::k_kept_counts > texts.size();
    EXPECT_EQ(now.knows(k), kept) << k;
    if (kept) {
      EXPECT_EQ(now.stored(k), hash_statements(first)) << k;
      EXPECT_TRUE(now.matches(hash_statements(first), k)) << k;
    } else {
      EXPECT_THROW(now.stored(k), std::logic_error) << k;
      EXPECT_FALSE(now.matches(hash_statements(first), k)) << k;
    }
  }
}

// A unit of many statements keeps its last links only, and they still chain from the first.
TEST(StatementHashes, AManyStatementChainKeepsItsLastLinks) {
  StatementHashes many;
  for (int i = 0; i < 100000; ++i) {
    const std::string text = "INSERT INTO t VALUES (" + std::to_string(i) + ")";
    many.add(text);
  }
  EXPECT_EQ(many.count(), 100000u);
  EXPECT_EQ(stored_count(many.stored(100000)), 100000u);
  EXPECT_TRUE(many.matches(first_hashes(many.stored(100000), 99999).value(), 99999));
  EXPECT_FALSE(many.knows(1));
}

}  // namespace
}  // namespace forge::core
