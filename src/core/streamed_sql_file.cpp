#include "core/streamed_sql_file.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "core/sql_unit_parser.hpp"
#include "util/mapped_file.hpp"
#include "util/sha256.hpp"

namespace forge::core {

namespace {

constexpr std::size_t k_default_min_bytes = std::size_t{16} << 20;
constexpr std::size_t k_chunk = std::size_t{4} << 20;

// One section's statements, split from the mapped file each time they are gone through.
class StreamedSection final : public StatementStream {
 public:
  StreamedSection(std::shared_ptr<const util::MappedFile> file, std::size_t offset,
                  std::size_t length, SqlOrigin origin, Dialect dialect,
                  std::vector<LineRange> whole)
      : m_file(std::move(file)),
        m_offset(offset),
        m_length(length),
        m_origin(std::move(origin)),
        m_dialect(dialect),
        m_whole(std::move(whole)) {}

  void for_each(const std::function<bool(const Statement&)>& each) const override {
    util::SequentialPass pass(*m_file, m_offset);
    // One statement object, its text buffer reused: no allocation per statement.
    Statement statement{{}, m_origin.file, 1, nullptr};
    split_sql_each(m_file->view().substr(m_offset, m_length), m_origin, m_dialect, m_whole,
                   [&](const SplitStatement& split) {
                     statement.text.assign(split.text);
                     statement.line = split.line;
                     const bool more = each(statement);
                     pass.passed(m_offset + split.consumed);
                     return more;
                   });
  }

 private:
  std::shared_ptr<const util::MappedFile> m_file;
  std::size_t m_offset;
  std::size_t m_length;
  SqlOrigin m_origin;
  Dialect m_dialect;
  std::vector<LineRange> m_whole;
};

// The first pass over the file, a chunk at a time: a NUL byte is refused at its line (the
// drivers would cut a statement there); false when a carriage return is found.
bool check_bytes(const util::MappedFile& file, std::size_t start, const std::string& path) {
  const std::string_view text = file.view();
  util::SequentialPass pass(file, start);
  int line = 1;
  for (std::size_t at = start; at < text.size(); at += k_chunk) {
    const std::string_view chunk = text.substr(at, k_chunk);
    if (std::memchr(chunk.data(), '\r', chunk.size()) != nullptr) return false;
    refuse_nul_byte(chunk, SqlOrigin{path, line});
    line += static_cast<int>(std::count(chunk.begin(), chunk.end(), '\n'));
    pass.passed(at + chunk.size());
  }
  return true;
}

std::string checksum_of(const util::MappedFile& file, std::size_t offset, std::size_t length) {
  util::Sha256 hash;
  util::SequentialPass pass(file, offset);
  for (std::size_t at = offset; at < offset + length; at += k_chunk) {
    hash.update(file.view().substr(at, std::min(k_chunk, offset + length - at)));
    pass.passed(at);
  }
  return hash.hex();
}

}  // namespace

std::size_t stream_min_bytes() {
  const char* value = std::getenv("FORGE_STREAM_MIN_BYTES");
  if (value == nullptr || *value == '\0') return k_default_min_bytes;
  char* end = nullptr;
  const unsigned long long bytes = std::strtoull(value, &end, 10);
  return end != nullptr && *end == '\0' ? static_cast<std::size_t>(bytes) : k_default_min_bytes;
}

std::optional<MappedUnitFile> map_unit_file(const std::string& path) {
  std::shared_ptr<const util::MappedFile> file;
  try {
    file = std::make_shared<const util::MappedFile>(path);
  } catch (const std::exception& e) {
    throw MigrationFileError(path, 0, e.what(), "Check the file's permissions.");
  }
  const std::size_t start =
      file->view().substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // a byte-order mark
  if (!check_bytes(*file, start, path)) return std::nullopt;
  return MappedUnitFile{std::move(file), start};
}

std::optional<SqlFileSections> read_streamed_sql_file(const std::string& path,
                                                      const UnitFileName& name, Dialect dialect) {
  std::optional<MappedUnitFile> mapped = map_unit_file(path);
  if (!mapped) return std::nullopt;
  const std::shared_ptr<const util::MappedFile>& file = mapped->file;
  const std::size_t start = mapped->start;
  const std::string_view body = file->view().substr(start);
  auto section = [&](std::size_t offset, std::size_t length, int first_line, bool in_transaction,
                     std::vector<LineRange> whole) {
    Section out;
    out.file = path;
    out.first_line = first_line;
    out.in_transaction = in_transaction && !name.autocommit;
    out.statements = SectionStatements::streamed(std::make_shared<StreamedSection>(
        file, start + offset, length, SqlOrigin{path, first_line}, dialect, std::move(whole)));
    return out;
  };
  SqlFileSections out;
  if (name.role != FileRole::both) {
    {
      util::SequentialPass pass(*file, start);
      refuse_section_markers(body, path, [&](std::size_t at) { pass.passed(start + at); });
    }
    auto& slot = name.role == FileRole::up ? out.up : out.down;
    slot = section(0, body.size(), 1, true, {});
    if (out.up) out.checksum = checksum_of(*file, start, body.size());
  } else {
    MarkedSql marked;
    {
      util::SequentialPass pass(*file, start);
      marked = locate_marked_sql(body, path, [&](std::size_t at) { pass.passed(start + at); });
    }
    for (auto* marked_section : {&marked.up, &marked.down}) {
      if (!*marked_section) continue;
      const MarkedSection& m = **marked_section;
      auto& slot = marked_section == &marked.up ? out.up : out.down;
      slot = section(m.offset, m.length, m.first_line, m.in_transaction, m.whole_statements);
    }
    out.checksum = checksum_of(*file, start + marked.up->offset, marked.up->length);
  }
  return out;
}

}  // namespace forge::core
