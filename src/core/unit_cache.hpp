#pragma once
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "util/file_stamp.hpp"

namespace forge::core {

/// The shape of one section of a unit file, as its markers (or its format) give it.
struct CachedSection {
  int first_line = 1;
  bool in_transaction = true;

  bool operator==(const CachedSection& other) const noexcept {
    return first_line == other.first_line && in_transaction == other.in_transaction;
  }
};

/// What reading one unit file (SQL or declarative) gave, without its text.
struct CachedFile {
  util::FileStamp stamp;
  std::string checksum;  ///< of its up section; empty when it holds none
  std::optional<CachedSection> up;
  std::optional<CachedSection> down;
  std::string irreversible;  ///< why a declarative unit has no down, when it has none
};

/// What forge learned from reading the SQL and declarative unit files of one folder, kept between
/// runs so a status or a no-op migrate over 10,000 units looks at each file's stamp instead of
/// reading it (issue 16). An entry counts only while the file's stamp is the one it was read with.
/// The cache decides nothing about what runs: a section that runs is read again, and a file whose
/// text no longer gives the cached shape and checksum stops the run (see source.cpp).
/// A missing, unreadable or malformed cache file is an empty cache; one that cannot be written
/// is left as it was. Neither is an error: the cache only saves time. Safe from several threads
/// at once (a large unit's checksum, worked out as a fleet's worker runs it, is remembered then).
class UnitCache {
 public:
  /// The cache kept at `file`; its entries count only if it was written under the same `key`
  /// (forge's version and the dialect: both change what a file gives).
  /// `now_ns` is the wall clock (file times' epoch) as the folder is about to be looked at.
  UnitCache(std::filesystem::path file, std::string key,
            std::int64_t now_ns = util::wall_clock_ns());

  /// The entry for the file named `name`, when its stamp is still `stamp` (it is then kept).
  const CachedFile* find(const std::string& name, const util::FileStamp& stamp);
  /// Keeps what reading the file named `name` gave. A file changed too recently to be told
  /// apart from a later change in the same clock tick is not kept (git's "racy" rule).
  void remember(const std::string& name, CachedFile entry);
  /// Writes the entries found or remembered since loading, when they differ from the file's:
  /// the entries of files gone from the folder are dropped. Whether the file was written.
  bool save() noexcept;

 private:
  void load() noexcept;

  std::mutex m_mutex;  // guards the members below
  std::filesystem::path m_file;
  std::string m_key;
  std::int64_t m_opened_ns = 0;  ///< the wall clock when loading began
  struct Slot {
    CachedFile entry;
    bool kept = false;  ///< found or remembered this run: written back
  };
  std::unordered_map<std::string, Slot> m_slots;
  std::size_t m_loaded = 0;  ///< entries read from the file
  std::size_t m_found = 0;   ///< of those, found this run
  bool m_changed = false;
};

}  // namespace forge::core
