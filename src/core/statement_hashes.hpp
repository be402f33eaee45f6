#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace forge::core {

/// Statements 1..n of a unit's run as its history row keeps them (`statement_hashes`), so a
/// rerun can tell whether the statements that took effect are still the ones in the file.
/// Kept as a chain of SHA-256 digests, "c1:<n>:<chain of 1..n-1>:<chain of 1..n>", whose size
/// does not grow with n: a row of a 100,000-statement unit is as small as one of two (the list
/// of every statement's digest it replaced overflowed MySQL's TEXT past ~1,000 statements and
/// was written whole at each statement). Rows of earlier versions hold that comma-separated
/// list; both are read.
/// Only the last links are kept, so a unit of millions of statements is hashed in bounded
/// memory (issue 16): the first `k` statements are known for k = 0 and for the last
/// k_kept_counts counts; a caller asking about an earlier count hashes the statements again.
class StatementHashes {
 public:
  /// How many of the last counts stored() and matches() know.
  static constexpr std::size_t k_kept_counts = 3;

  /// Takes statement count()+1.
  void add(std::string_view text);
  std::size_t count() const noexcept { return m_count; }
  /// Whether the first `k` statements are known here: k = 0, or one of the last counts.
  bool knows(std::size_t k) const noexcept;
  /// The stored text for the first `k` statements (knows(k)); "" for none. Throws
  /// std::logic_error for a count not kept.
  std::string stored(std::size_t k) const;
  /// Whether `stored` (a row's statement_hashes, either form) records exactly the first
  /// `k` statements taken here; false when knows(k) is not so.
  bool matches(const std::string& stored, std::size_t k) const;

 private:
  /// The chain through statements 1..k, k >= 1 and knows(k).
  const std::string& link(std::size_t k) const;

  std::size_t m_count = 0;
  std::string m_links[k_kept_counts + 1];  ///< link k at [k % size], for the last counts
};

/// The stored text for `texts` as statements 1..n.
std::string hash_statements(const std::vector<std::string>& texts);

/// The statement count a stored statement_hashes records (either form).
std::size_t stored_count(const std::string& stored);

/// `stored` cut to its first `count` statements: the list form cuts anywhere; the chain form
/// keeps its last two links, so only n and n-1 (and 0); nullopt otherwise.
std::optional<std::string> first_hashes(const std::string& stored, std::size_t count);

}  // namespace forge::core
