#pragma once
#include "core/dialect_kind.hpp"
#include "core/unit.hpp"

#include <filesystem>
#include <vector>

namespace forge::core {

/// Loads every unit in `directory` (not its subfolders) for `dialect`, ordered by version as a
/// number, then by name. Each direction takes the dialect's own variant file and falls back to
/// the dialect-neutral one; units that exist only for other dialects are left out; files that
/// are not unit names are ignored. Throws MigrationFileError naming the files for: a missing
/// directory, two units with one version, two files for one direction, a single file with no
/// up section, a down file with no up, and any section that cannot be split.
std::vector<Unit> load_units(const std::filesystem::path& directory, Dialect dialect);

}  // namespace forge::core
