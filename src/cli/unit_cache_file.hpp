#pragma once
#include <filesystem>
#include <optional>

#include "core/dialect_kind.hpp"

namespace forge::cli {

/// Where the unit cache of `folder` read for `dialect` is kept: FORGE_CACHE_DIR, else
/// $XDG_CACHE_HOME/forge, else ~/.cache/forge, one file per folder and dialect. nullopt when
/// FORGE_NO_CACHE is set (not "0"), or no such folder can be named.
std::optional<std::filesystem::path> unit_cache_path(const std::filesystem::path& folder,
                                                     core::Dialect dialect);

/// Removes the unit caches beside `cache_file` not written for 30 days: every folder forge
/// was pointed at (temporary ones included) leaves one.
void prune_unit_caches(const std::filesystem::path& cache_file) noexcept;

}  // namespace forge::cli
