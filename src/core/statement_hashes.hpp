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
class StatementHashes {
 public:
  /// Takes statement count()+1.
  void add(std::string_view text);
  std::size_t count() const noexcept { return m_chain.size(); }
  /// The stored text for the first `k` (<= count()) statements; "" for none.
  std::string stored(std::size_t k) const;
  /// Whether `stored` (a row's statement_hashes, either form) records exactly the first
  /// `k` (<= count()) statements taken here.
  bool matches(const std::string& stored, std::size_t k) const;

 private:
  std::vector<std::string> m_each;   ///< SHA-256 of each statement (for rows in the list form)
  std::vector<std::string> m_chain;  ///< the chain through statements 1..i+1
};

/// The stored text for `texts` as statements 1..n.
std::string hash_statements(const std::vector<std::string>& texts);

/// The statement count a stored statement_hashes records (either form).
std::size_t stored_count(const std::string& stored);

/// `stored` cut to its first `count` statements: the list form cuts anywhere; the chain form
/// keeps its last two links, so only n and n-1 (and 0); nullopt otherwise.
std::optional<std::string> first_hashes(const std::string& stored, std::size_t count);

}  // namespace forge::core
