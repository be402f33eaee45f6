#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/dialect_kind.hpp"
#include "core/unit.hpp"
#include "core/unit_file_name.hpp"

namespace forge::util {
class MappedFile;
}

namespace forge::core {

/// SQL unit files at least this large are read through a mapping and their statements split
/// as they run, never held (issue 16: a 1 GB data unit in bounded memory). The environment
/// variable FORGE_STREAM_MIN_BYTES sets another size (the tests stream small files).
std::size_t stream_min_bytes();

/// A large unit's file, mapped, and the offset where its text starts (past a byte-order mark).
struct MappedUnitFile {
  std::shared_ptr<const util::MappedFile> file;
  std::size_t start = 0;
};

/// Maps the unit file at `path` and checks its bytes in one pass: throws MigrationFileError
/// when it cannot be mapped or holds a NUL byte (at its line); nullopt when it holds a carriage
/// return (such a file is read whole, with its line endings made plain).
std::optional<MappedUnitFile> map_unit_file(const std::string& path);

/// What a SQL unit file gives: the directions it holds, and the checksum of its up.
struct SqlFileSections {
  std::optional<Section> up;
  std::optional<Section> down;
  std::string checksum;  ///< of the up direction, when the file holds it
};

/// Reads the SQL unit file at `path` (named `name`) without holding its text: one pass checks
/// it (NUL bytes, section markers) and hashes the up section; each section's statements are
/// split from the file whenever they are gone through. Throws MigrationFileError as the whole
/// read does. nullopt when the file holds a carriage return: such a file is read whole, with
/// its line endings made plain.
std::optional<SqlFileSections> read_streamed_sql_file(const std::string& path,
                                                      const UnitFileName& name, Dialect dialect);

}  // namespace forge::core
