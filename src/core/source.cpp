#include "core/source.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "core/sql_unit_parser.hpp"
#include "core/streamed_sql_file.hpp"
#include "core/unit_cache.hpp"
#include "core/unit_file_name.hpp"
#include "core/version.hpp"
#include "util/directory.hpp"
#include "util/file_stamp.hpp"
#include "util/files.hpp"
#include "util/logging.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace fs = std::filesystem;

namespace {

struct UnitFile {
  std::string path;  // as shown to the user
  UnitFileName name;
  std::string tag;  // canonical dialect name, or the raw tag for dialects forge lacks
  std::string file_name;
  std::optional<util::FileStamp> stamp;  // taken as the folder was listed, for the cache
};

using FileGroups = std::map<std::string, std::vector<UnitFile>>;  // by stem
using ScriptTwins = std::map<std::string, std::string>;           // stem -> `<stem>.js`

std::string canonical_tag(const std::string& raw) {
  if (raw.empty()) return raw;
  if (raw == "pg") return "postgres";  // a common short name, not a URL scheme
  auto dialect = parse_dialect(raw);
  return dialect ? std::string(dialect_name(*dialect)) : raw;
}

// Flyway's repeatable migrations rerun whenever they change, which forge's history does not
// model: say so rather than skip them silently.
void warn_if_repeatable(const fs::path& path) {
  FlywayName flyway;
  const std::string stem = path.stem().string();
  if (path.extension() == ".sql" && parse_flyway_name(stem, flyway) && flyway.kind == 'R') {
    util::log_warn("{}: Flyway repeatable migrations (R__) are not supported; skipped",
                   path.string());
  }
}

// sequelize-cli's migrations are JavaScript, which forge cannot run: without a word, a folder
// of them would look like a database that is up to date.
bool is_script_migration(std::string_view file_name) {
  const auto dot = file_name.rfind('.');
  if (dot == std::string_view::npos || leading_version(file_name).empty()) return false;
  const std::string extension = util::to_lower(file_name.substr(dot));
  return extension == ".js" || extension == ".cjs" || extension == ".mjs" || extension == ".ts";
}

// Warns of the scripts that no unit of the same name stands in for and that forge cannot run.
void warn_of_scripts(const fs::path& directory, std::vector<fs::path> scripts, bool runs_js) {
  if (scripts.empty()) return;
  std::sort(scripts.begin(), scripts.end());
  util::log_warn(
      "{} {} migration(s) in {} (such as {}) are skipped: forge runs SQL, YAML, JSON{} units. "
      "Write each as a .sql or .yaml unit of the same name; rows sequelize-cli recorded for "
      "them count as applied (see \"Adopting\" in the README).",
      scripts.size(), runs_js ? "TypeScript" : "JavaScript/TypeScript", directory.string(),
      scripts.front().filename().string(), runs_js ? " and JavaScript" : "");
}

// A JavaScript migration no unit of the same name stands in for: a unit of its own.
std::optional<UnitFile> script_unit(const fs::path& script) {
  const std::string extension = util::to_lower(script.extension().string());
  if (extension == ".ts") return std::nullopt;
  UnitFileName name;
  name.version = leading_version(script.filename().string());
  name.stem = script.stem().string();
  name.format = FileFormat::script;
  return UnitFile{script.string(), std::move(name), "", script.filename().string(), std::nullopt};
}

FileGroups scan(const fs::path& directory, ScriptTwins& twins, bool runs_js, bool stamps) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    throw MigrationFileError(directory.string(), 0, "migrations folder not found",
                             "Run 'forge init', or point --migrations-path at the folder.");
  }
  FileGroups groups;
  std::vector<fs::path> scripts;
  std::vector<util::DirectoryEntry> listing;
  try {
    listing =
        util::list_directory(directory, stamps ? util::Listing::stamps : util::Listing::names);
  } catch (const std::system_error& e) {
    throw MigrationFileError(directory.string(), 0, "cannot list the folder: " + e.code().message(),
                             "Check the folder's permissions.");
  }
  // Each path as `directory / name` spells it, without building a path object per file.
  const std::string prefix = (directory / "").string();
  for (auto& entry : listing) {
    const std::string& file_name = entry.name;
    auto parsed = parse_unit_file_name(file_name);
    std::string path = prefix + file_name;
    if (!entry.regular) {
      // A unit's name on a link to nothing (or a loop) must not be skipped as if absent.
      if (parsed && entry.link) {
        throw MigrationFileError(path, 0, "a link that leads to no readable file",
                                 "Point the link at the unit's file, or remove it.");
      }
      // A folder, pipe or device with a unit's name is a mistake, never a unit to skip.
      if (parsed) {
        throw MigrationFileError(path, 0, "has a unit's name but is no regular file",
                                 "Rename it, or move it out of the migrations folder.");
      }
      continue;
    }
    if (is_script_migration(file_name)) scripts.emplace_back(path);
    if (!parsed) {
      if (is_directional_declarative_name(file_name)) {
        throw MigrationFileError(
            path, 0,
            "a declarative unit holds its up and its down in one file, so it has no .up or .down "
            "in its name",
            "Rename it without '.up' (a '.down' file's down: section goes into the unit's file).");
      }
      warn_if_repeatable(path);
      continue;
    }
    std::string tag = canonical_tag(parsed->dialect_tag);
    groups[parsed->stem].push_back(UnitFile{std::move(path), std::move(*parsed), std::move(tag),
                                            std::move(entry.name), entry.stamp});
  }
  std::vector<fs::path> lonely;
  for (const auto& script : scripts) {
    const std::string stem = script.stem().string();
    if (groups.count(stem) > 0) {
      twins[stem] = script.filename().string();
    } else if (auto unit = runs_js ? script_unit(script) : std::nullopt) {
      twins[stem] = script.filename().string();  // recorded under its file name, as sequelize
      groups[stem].push_back(std::move(*unit));
    } else {
      lonely.push_back(script);
    }
  }
  warn_of_scripts(directory, std::move(lonely), runs_js);
  for (auto& [stem, files] : groups) {
    std::sort(files.begin(), files.end(),
              [](const UnitFile& a, const UnitFile& b) { return a.path < b.path; });
  }
  return groups;
}

bool provides(const UnitFile& file, FileRole direction) {
  return file.name.role == FileRole::both || file.name.role == direction;
}

// The file that gives `direction` for `tag`; two candidates are an error.
const UnitFile* provider(const std::vector<UnitFile>& files, const std::string& tag,
                         FileRole direction) {
  const UnitFile* found = nullptr;
  for (const auto& file : files) {
    if (file.tag != tag || !provides(file, direction)) continue;
    if (found != nullptr) {
      throw MigrationFileError(file.path, 0, "gives the same section as " + found->path,
                               "Keep one file per direction and dialect; remove or rename one.");
    }
    found = &file;
  }
  return found;
}

void check_group(const std::vector<UnitFile>& files) {
  std::map<std::string, bool> tags;
  for (const auto& file : files) tags[file.tag] = true;
  bool any_up = false;
  for (const auto& [tag, unused] : tags) {
    provider(files, tag, FileRole::down);
    any_up = provider(files, tag, FileRole::up) != nullptr || any_up;
  }
  if (!any_up) {
    throw MigrationFileError(files.front().path, 0, "a down file with no up file for its version",
                             "Add the matching .up.sql file, or remove this one.");
  }
}

void check_unique_versions(const FileGroups& groups) {
  std::vector<const UnitFile*> firsts;
  firsts.reserve(groups.size());
  for (const auto& [stem, files] : groups) firsts.push_back(&files.front());
  const auto before = [](const UnitFile* a, const UnitFile* b) {
    return compare_versions(a->name.version, b->name.version) < 0;
  };
  // Stems of one width come in version order already: one look instead of a sort. Equal
  // versions end up side by side, the one of the earlier stem first.
  if (!std::is_sorted(firsts.begin(), firsts.end(), before)) {
    std::stable_sort(firsts.begin(), firsts.end(), before);
  }
  for (std::size_t i = 1; i < firsts.size(); ++i) {
    const UnitFile& earlier = *firsts[i - 1];
    const UnitFile& file = *firsts[i];
    if (compare_versions(earlier.name.version, file.name.version) == 0) {
      throw MigrationFileError(file.path, 0,
                               "has version " + file.name.version + ", as does " + earlier.path,
                               "Each unit needs its own version; rename one of the files.");
    }
  }
}

Section read_section(const UnitFile& file, std::string text, int first_line, bool in_transaction,
                     Dialect dialect, const std::vector<LineRange>& whole_statements = {}) {
  // Split only when read: a status or a no-op migrate needs the checksum alone.
  SectionStatements statements = SectionStatements::deferred(
      [text, origin = SqlOrigin{file.path, first_line}, dialect, whole_statements] {
        return split_sql(text, origin, dialect, whole_statements);
      });
  return Section{file.path, first_line, std::move(text), in_transaction && !file.name.autocommit,
                 std::move(statements)};
}

Section read_marked_section(const UnitFile& file, MarkedSection& marked, Dialect dialect) {
  return read_section(file, std::move(marked.text), marked.first_line, marked.in_transaction,
                      dialect, marked.whole_statements);
}

// A unit file's text with its line endings made plain; nullopt when it is a SQL file large
// enough to stream (`map_from` bytes or more), which is then not read here.
std::optional<std::string> read_unit_text(const std::string& path, std::size_t map_from) {
  std::optional<std::string> bytes;
  try {
    bytes = util::read_file_below(path, map_from);
  } catch (const std::exception& e) {
    throw MigrationFileError(path, 0, e.what(), "Check the file's permissions.");
  }
  if (!bytes) return std::nullopt;
  if (util::starts_with(*bytes, "\xEF\xBB\xBF")) bytes->erase(0, 3);  // a UTF-8 byte-order mark
  if (bytes->find('\r') != std::string::npos) bytes = util::normalize_newlines(*bytes);
  refuse_nul_byte(*bytes, SqlOrigin{path, 1});  // YAML would carry it to the database
  return bytes;
}

// What one file gives: the directions it holds, and what to checksum.
struct FileSections {
  std::optional<Section> up;
  std::optional<Section> down;
  std::string irreversible;
  UnitChecksum checksum;  ///< of the up direction, when the file holds it
};

FileSections read_sql_file(const UnitFile& file, std::string text, Dialect dialect) {
  FileSections out;
  if (file.name.role != FileRole::both) {
    refuse_section_markers(text, file.path);
    auto& slot = file.name.role == FileRole::up ? out.up : out.down;
    slot = read_section(file, std::move(text), 1, true, dialect);
  } else {
    MarkedSql marked = parse_marked_sql(text, file.path);
    out.up = read_marked_section(file, *marked.up, dialect);
    if (marked.down) out.down = read_marked_section(file, *marked.down, dialect);
  }
  if (out.up) out.checksum = util::sha256_hex(out.up->text);
  return out;
}

// The readers of the unit formats core does not read itself, and the cache of what unit files
// gave when last read.
struct Readers {
  std::shared_ptr<const DeclarativeReader> declarative;
  std::shared_ptr<const DeclarativeReader> script;
  std::shared_ptr<UnitCache> cache;
  std::size_t stream_from = stream_min_bytes();  // asked once a load, not once a file
};

// A declarative file's sections as the loader keeps them.
FileSections declarative_file_sections(const UnitFile& file, DeclarativeSections sections) {
  for (Section* section : {&sections.up, sections.down ? &*sections.down : nullptr}) {
    if (section != nullptr && file.name.autocommit) section->in_transaction = false;
  }
  UnitChecksum checksum = sections.checksum.empty()
                              ? UnitChecksum(util::sha256_hex(sections.checksum_text))
                              : std::move(sections.checksum);
  return FileSections{std::move(sections.up), std::move(sections.down),
                      std::move(sections.irreversible), std::move(checksum)};
}

FileSections read_declarative_file(const UnitFile& file, const std::string& text,
                                   const DeclarativeReader* reader) {
  if (reader == nullptr) {
    throw MigrationFileError(file.path, 0, "declarative units cannot be read here",
                             "Use the forge command-line tool to run YAML and JSON units.");
  }
  return declarative_file_sections(file, reader->read(text, file.path));
}

// A file of `stream_min_bytes()` or more, read without holding it; nullopt when it is read
// whole after all (a carriage return, a shape its reader does not stream).
std::optional<FileSections> read_large_file(const UnitFile& file, Dialect dialect,
                                            const Readers& readers) {
  if (file.name.format == FileFormat::declarative) {
    if (readers.declarative == nullptr) return std::nullopt;
    auto large = readers.declarative->read_large(file.path);
    if (!large) return std::nullopt;
    return declarative_file_sections(file, std::move(*large));
  }
  auto large = read_streamed_sql_file(file.path, file.name, dialect);
  if (!large) return std::nullopt;
  return FileSections{std::move(large->up), std::move(large->down), "", std::move(large->checksum)};
}

FileSections read_file_sections(const UnitFile& file, Dialect dialect, const Readers& readers) {
  const bool streams = file.name.format != FileFormat::script;
  std::optional<std::string> text = read_unit_text(
      file.path, streams ? readers.stream_from : std::numeric_limits<std::size_t>::max());
  if (!text) {
    if (auto large = read_large_file(file, dialect, readers)) return std::move(*large);
    text = read_unit_text(file.path, std::numeric_limits<std::size_t>::max());
  }
  if (file.name.format == FileFormat::declarative) {
    return read_declarative_file(file, *text, readers.declarative.get());
  }
  if (file.name.format == FileFormat::script)
    return read_declarative_file(file, *text, readers.script.get());
  return read_sql_file(file, std::move(*text), dialect);
}

std::optional<CachedSection> shape_of(const std::optional<Section>& section) {
  if (!section) return std::nullopt;
  return CachedSection{section->first_line, section->in_transaction};
}

// Without the checksum when it is still to be worked out (a large unit's, see UnitChecksum).
CachedFile cached_form(const FileSections& sections, const util::FileStamp& stamp) {
  const std::string* checksum = sections.checksum.known();
  return CachedFile{stamp, checksum != nullptr ? *checksum : std::string(), shape_of(sections.up),
                    shape_of(sections.down), sections.irreversible};
}

// A file the cache knew, to be read again when its statements are first needed. The text read
// then must give what the cache said (an edit since the stamp was taken would otherwise run
// under the old checksum): if not, the run stops before anything runs, or, for a large unit whose
// checksum is worked out as its rows are sent, once they are sent, before its transaction commits.
struct CachedRead {
  UnitFile file;
  Dialect dialect;
  std::shared_ptr<const DeclarativeReader> reader;  ///< for a declarative file; null for SQL
  CachedFile expected;

  Section section(FileRole direction) const {
    FileSections fresh = read_file_sections(file, dialect, Readers{reader, nullptr, nullptr});
    const CachedFile found = cached_form(fresh, expected.stamp);
    if (!fresh.checksum.agrees(expected.checksum) || !(found.up == expected.up) ||
        !(found.down == expected.down) || found.irreversible != expected.irreversible) {
      throw MigrationFileError(file.path, 0, "changed while forge was running",
                               "Run the command again once the file is written.");
    }
    return std::move(direction == FileRole::up ? *fresh.up : *fresh.down);
  }
};

// The section of a large SQL file the cache knew: mapped and checked again when its statements
// are first gone through, then streamed as any large unit's (never held whole).
class CachedLargeSection : public StatementStream {
 public:
  CachedLargeSection(std::shared_ptr<const CachedRead> read, FileRole direction)
      : m_read(std::move(read)), m_direction(direction) {}
  void for_each(const std::function<bool(const Statement&)>& each) const override {
    section().statements.visit(each);
  }
  void for_each_kind(const std::function<bool(const Statement&)>& each) const override {
    section().statements.visit_kinds(each);
  }

 private:
  // Read and checked once, whichever of a fleet's threads comes first; never changed after.
  const Section& section() const {
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_section) m_section = m_read->section(m_direction);
    return *m_section;
  }

  std::shared_ptr<const CachedRead> m_read;
  FileRole m_direction;
  mutable std::mutex m_mutex;
  mutable std::optional<Section> m_section;
};

std::optional<Section> cached_section(const std::shared_ptr<const CachedRead>& read,
                                      FileRole direction, bool large) {
  const auto& shape = direction == FileRole::up ? read->expected.up : read->expected.down;
  if (!shape) return std::nullopt;
  SectionStatements statements =
      large ? SectionStatements::streamed(std::make_shared<CachedLargeSection>(read, direction))
            : SectionStatements::deferred(
                  [read, direction] { return read->section(direction).statements.all(); });
  return Section{read->file.path, shape->first_line, "", shape->in_transaction,
                 std::move(statements)};
}

// A SQL or declarative file whose stamp the cache knows is not read now: its sections are read
// when their statements are first needed (a status needs none), a large one streamed.
FileSections read_file_cached(const UnitFile& file, Dialect dialect, const Readers& readers,
                              std::shared_ptr<const DeclarativeReader> reader) {
  UnitCache& cache = *readers.cache;
  const auto& stamp = file.stamp;
  if (stamp) {
    if (const CachedFile* entry = cache.find(file.file_name, *stamp)) {
      // What reading it again takes: its path and what its name says of its sections.
      UnitFile again{file.path, {}, {}, {}, {}};
      again.name.role = file.name.role;
      again.name.autocommit = file.name.autocommit;
      again.name.format = file.name.format;
      const auto read = std::make_shared<const CachedRead>(
          CachedRead{std::move(again), dialect, std::move(reader), *entry});
      const bool large = entry->stamp.size >= readers.stream_from;
      return FileSections{cached_section(read, FileRole::up, large),
                          cached_section(read, FileRole::down, large), entry->irreversible,
                          entry->checksum};
    }
  }
  FileSections sections = read_file_sections(file, dialect, readers);
  if (!stamp) return sections;
  if (sections.checksum.known() != nullptr) {
    cache.remember(file.file_name, cached_form(sections, *stamp));
  } else {
    // Not worked out for the cache's sake: remembered, and the cache written again, once the
    // run that sends the rows (or a status that needs it) has worked it out.
    sections.checksum.when_known(
        [cache = readers.cache, name = file.file_name,
         entry = cached_form(sections, *stamp)](const std::string& checksum) mutable {
          entry.checksum = checksum;
          cache->remember(name, std::move(entry));
          cache->save();
        });
  }
  return sections;
}

// A JavaScript unit is not cached: its statements are known only as it runs.
FileSections read_unit_file(const UnitFile& file, Dialect dialect, const Readers& readers) {
  if (readers.cache != nullptr && file.name.format == FileFormat::sql) {
    return read_file_cached(file, dialect, readers, nullptr);
  }
  if (readers.cache != nullptr && file.name.format == FileFormat::declarative &&
      readers.declarative) {
    return read_file_cached(file, dialect, readers, readers.declarative);
  }
  return read_file_sections(file, dialect, readers);
}

// A unit with files only for dialects forge has no adapter for (`.cockroach.sql`) runs nowhere:
// say so. One for another dialect forge runs (`.mysql.sql` on PostgreSQL) is the per-dialect
// layout of popx and needs no word.
void warn_if_for_foreign_dialects(const std::vector<UnitFile>& files) {
  for (const auto& file : files) {
    if (parse_dialect(file.tag)) return;
  }
  util::log_warn("{}: written for {} only, a database forge does not run; skipped",
                 files.front().path, files.front().name.dialect_tag);
}

// Fills `unit` (a fresh one, in place: a Unit holds ~18 strings, and moving 10,000 of them twice
// was a twentieth of a status); false when no file of the unit is for `dialect`.
bool load_unit(const std::string& stem, const std::vector<UnitFile>& files, Dialect dialect,
               const Readers& reader, Unit& unit) {
  const std::string own(dialect_name(dialect));
  auto pick = [&](FileRole direction) {
    const UnitFile* chosen = provider(files, own, direction);
    return chosen != nullptr ? chosen : provider(files, "", direction);
  };
  const UnitFile* up_file = pick(FileRole::up);
  if (up_file == nullptr) return false;  // this unit is for other dialects only
  unit.version = files.front().name.version;
  unit.name = stem;
  for (const auto& file : files) unit.files.push_back(file.path);
  FileSections up_sections = read_unit_file(*up_file, dialect, reader);
  unit.up = std::move(*up_sections.up);
  unit.checksum = std::move(up_sections.checksum);
  if (const UnitFile* down_file = pick(FileRole::down)) {
    FileSections down_sections =
        down_file == up_file ? std::move(up_sections) : read_unit_file(*down_file, dialect, reader);
    unit.down = std::move(down_sections.down);
    unit.irreversible = std::move(down_sections.irreversible);
  }
  return true;
}

}  // namespace

std::vector<Unit> load_units(const fs::path& directory, Dialect dialect,
                             std::shared_ptr<const DeclarativeReader> declarative,
                             std::shared_ptr<const DeclarativeReader> script,
                             std::shared_ptr<UnitCache> cache) {
  ScriptTwins twins;
  const bool runs_js = script != nullptr;
  const FileGroups groups = scan(directory, twins, runs_js, cache != nullptr);
  const Readers readers{std::move(declarative), std::move(script), std::move(cache)};
  for (const auto& [stem, files] : groups) check_group(files);
  check_unique_versions(groups);
  std::vector<Unit> units;
  units.reserve(groups.size());
  for (const auto& [stem, files] : groups) {
    Unit& unit = units.emplace_back();
    if (load_unit(stem, files, dialect, readers, unit)) {
      if (auto twin = twins.find(stem); twin != twins.end()) unit.history_name = twin->second;
    } else {
      units.pop_back();
      warn_if_for_foreign_dialects(files);
    }
  }
  const auto in_order = [](const Unit& a, const Unit& b) {
    const int order = compare_versions(a.version, b.version);
    return order != 0 ? order < 0 : a.name < b.name;
  };
  // Names with versions of one width come in order already; moving 10,000 units is not free.
  if (!std::is_sorted(units.begin(), units.end(), in_order)) {
    std::sort(units.begin(), units.end(), in_order);
  }
  return units;
}

}  // namespace forge::core
