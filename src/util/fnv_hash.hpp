#pragma once
#include <cstdint>
#include <string_view>

namespace forge::util {

/// FNV-1a's 64-bit offset basis: the usual start of a hash.
constexpr std::uint64_t k_fnv_offset_basis = 14695981039346656037ULL;

/// FNV-1a over `data`, continuing from `hash`: a cheap, stable hash for names and keys that
/// must be the same in every run (not for integrity: see sha256.hpp).
constexpr std::uint64_t fnv1a_64(std::string_view data, std::uint64_t hash = k_fnv_offset_basis) {
  for (const char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace forge::util
