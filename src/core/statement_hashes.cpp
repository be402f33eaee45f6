#include "core/statement_hashes.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

constexpr std::string_view k_chain_prefix = "c1:";

// The chain form's parts: count, link n-1 (may be empty), link n.
struct ChainParts {
  std::size_t count = 0;
  std::string before_last;
  std::string last;
};

std::optional<ChainParts> parse_chain(const std::string& stored) {
  if (!util::starts_with(stored, k_chain_prefix)) return std::nullopt;
  const std::vector<std::string> parts = util::split(stored.substr(k_chain_prefix.size()), ':');
  // A count of more than 18 digits is no count forge wrote (a row edited by hand).
  if (parts.size() != 3 || parts[0].empty() || parts[0].size() > 18 ||
      !std::all_of(parts[0].begin(), parts[0].end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return ChainParts{std::stoul(parts[0]), parts[1], parts[2]};
}

std::string chain_text(std::size_t count, const std::string& before_last, const std::string& last) {
  return std::string(k_chain_prefix) + std::to_string(count) + ":" + before_last + ":" + last;
}

std::string next_link(const std::string& link, const std::string& digest) {
  return util::sha256_hex(link + digest);
}

// The chain through the statements whose digests the list form of earlier versions holds.
std::optional<std::string> chain_of_list(const std::string& stored, std::size_t k) {
  std::string link;
  std::size_t taken = 0;
  for (std::size_t at = 0; at <= stored.size(); ++taken) {
    const std::size_t end = std::min(stored.find(',', at), stored.size());
    link = next_link(link, stored.substr(at, end - at));
    at = end + 1;
  }
  if (taken != k) return std::nullopt;
  return link;
}

}  // namespace

void StatementHashes::add(std::string_view text) {
  const std::string digest = util::sha256_hex(text);
  m_links[(m_count + 1) % std::size(m_links)] =
      next_link(m_count == 0 ? std::string() : link(m_count), digest);
  ++m_count;
}

bool StatementHashes::knows(std::size_t k) const noexcept {
  return k == 0 || (k <= m_count && k + k_kept_counts > m_count);
}

const std::string& StatementHashes::link(std::size_t k) const {
  return m_links[k % std::size(m_links)];
}

std::string StatementHashes::stored(std::size_t k) const {
  if (!knows(k)) {
    throw std::logic_error("statement hashes: count " + std::to_string(k) + " not kept (at " +
                           std::to_string(m_count) + ")");
  }
  if (k == 0) return "";
  return chain_text(k, k >= 2 ? link(k - 1) : "", link(k));
}

bool StatementHashes::matches(const std::string& stored, std::size_t k) const {
  if (!knows(k)) return false;
  if (k == 0) return stored.empty();
  if (auto chain = parse_chain(stored)) return chain->count == k && chain->last == link(k);
  // The form of earlier versions, every statement's digest: its chain is worked out from them.
  const std::optional<std::string> chain = chain_of_list(stored, k);
  return chain && *chain == link(k);
}

std::string hash_statements(const std::vector<std::string>& texts) {
  StatementHashes hashes;
  for (const auto& text : texts) hashes.add(text);
  return hashes.stored(hashes.count());
}

std::size_t stored_count(const std::string& stored) {
  if (auto chain = parse_chain(stored)) return chain->count;
  return stored.empty()
             ? 0
             : static_cast<std::size_t>(std::count(stored.begin(), stored.end(), ',')) + 1;
}

std::optional<std::string> first_hashes(const std::string& stored, std::size_t count) {
  if (count == 0) return std::string();
  if (auto chain = parse_chain(stored)) {
    if (count == chain->count) return stored;
    if (count + 1 == chain->count && !chain->before_last.empty()) {
      return chain_text(count, "", chain->before_last);
    }
    return std::nullopt;
  }
  std::size_t end = 0;
  for (std::size_t taken = 0; taken < count; ++taken) {
    end = stored.find(',', taken == 0 ? 0 : end + 1);
    if (end == std::string::npos) return stored;
  }
  return stored.substr(0, end);
}

}  // namespace forge::core
