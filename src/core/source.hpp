#pragma once
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/unit.hpp"

namespace forge::core {

class UnitCache;

/// The sections of a declarative unit file, rendered for one dialect.
struct DeclarativeSections {
  Section up;
  std::optional<Section> down;  ///< nullopt when the unit cannot be undone
  std::string irreversible;     ///< then: which operation prevents it, and where
  std::string checksum_text;    ///< the up operations in a canonical form, to checksum
  UnitChecksum checksum;  ///< when not empty: the checksum itself (a large unit's, hashed as read)
};

/// Reads declarative unit files (`.yaml`, `.yml`, `.json`); core itself knows no YAML and no
/// dialect's SQL, so the caller supplies this (see src/dialect/declarative_reader.hpp).
class DeclarativeReader {
 public:
  virtual ~DeclarativeReader() = default;
  /// The sections of `file`, whose text is `text`. Validates everything that needs no
  /// database; throws MigrationFileError at file:line:column.
  virtual DeclarativeSections read(const std::string& text, const std::string& file) const = 0;
  /// The sections of `file`, too large to hold (FORGE_STREAM_MIN_BYTES or more, see
  /// stream_min_bytes), read without holding it when the reader can; the same checksum as
  /// read() gives. nullopt (the default) when it cannot: the file is then read whole.
  virtual std::optional<DeclarativeSections> read_large(const std::string& file) const {
    (void)file;
    return std::nullopt;
  }
};

/// Loads every unit in `directory` (not its subfolders) for `dialect`, ordered by version as a
/// number, then by name. Each direction takes the dialect's own variant file and falls back to
/// the dialect-neutral one; units that exist only for other dialects are left out; files that
/// are not unit names are ignored. Throws MigrationFileError naming the files for: a missing
/// directory, two units with one version, two files for one direction, a single file with no
/// up section, a down file with no up, and a misplaced or repeated marker. SQL sections are
/// split into statements only when their statements are first read (see SectionStatements),
/// which throws MigrationFileError at the line of what cannot be split. Declarative files
/// go through `declarative`; without one they are an error. A sequelize-cli JavaScript
/// migration (`.js`, `.cjs`, `.mjs`) that no unit of the same name stands in for goes through
/// `script` and is recorded under its file name (`<stem>.js`), as sequelize-cli records it;
/// without a `script` reader it is skipped with a warning. With a `cache`, a SQL or declarative
/// file whose stamp the cache knows is not read until its statements are (see UnitCache; the
/// units then keep `declarative` for it); the caller saves the cache. A large unit's checksum
/// worked out later (see UnitChecksum) is remembered, and the cache saved, then.
std::vector<Unit> load_units(const std::filesystem::path& directory, Dialect dialect,
                             std::shared_ptr<const DeclarativeReader> declarative = nullptr,
                             std::shared_ptr<const DeclarativeReader> script = nullptr,
                             std::shared_ptr<UnitCache> cache = nullptr);

}  // namespace forge::core
