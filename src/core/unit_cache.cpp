#include "core/unit_cache.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>
#include <system_error>

#include "util/files.hpp"

namespace forge::core {

namespace {

constexpr std::string_view k_magic = "forge-unit-cache 2";
// A file changed less than this before forge looked at it may change again within the same
// tick of the file system's clock, leaving its stamp as it was: such a file is not kept.
constexpr std::int64_t k_racy_ns = 2'000'000'000;
// Fields of an entry's line, tab-separated.
constexpr std::size_t k_fields = 10;

// Names with a tab or a control character would break the line format: they are not kept.
bool storable(const std::string& name) {
  if (name.empty()) return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string section_field(const std::optional<CachedSection>& section) {
  if (!section) return "-";
  return std::to_string(section->first_line) + (section->in_transaction ? ":t" : ":n");
}

// Reads a number that is its whole field; false for anything else.
template <typename Number>
bool read_number(std::string_view text, Number& out) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && stop == end && !text.empty();
}

bool read_section(std::string_view text, std::optional<CachedSection>& out) {
  if (text == "-") return true;
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon + 2 != text.size()) return false;
  CachedSection section;
  if (!read_number(text.substr(0, colon), section.first_line) || section.first_line < 1) {
    return false;
  }
  const char mode = text[colon + 1];
  if (mode != 't' && mode != 'n') return false;
  section.in_transaction = mode == 't';
  out = section;
  return true;
}

// Text kept on one line of the cache: `\` and control characters written as \xHH.
std::string escaped(const std::string& text) {
  static const char* const digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f && c != '\\') {
      out += static_cast<char>(c);
      continue;
    }
    out += "\\x";
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool unescaped(std::string_view text, std::string& out) {
  if (text.find('\\') == std::string_view::npos) {  // most: nothing escaped
    out.append(text);
    return true;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (i + 3 >= text.size() || text[i + 1] != 'x') return false;
    const int high = hex_digit(text[i + 2]);
    const int low = hex_digit(text[i + 3]);
    if (high < 0 || low < 0) return false;
    out += static_cast<char>(high * 16 + low);
    i += 3;
  }
  return true;
}

// Cuts `text` at the first `separator`: the piece before it, `text` left after it.
std::string_view cut(std::string_view& text, char separator) {
  const auto at = text.find(separator);
  const std::string_view piece = text.substr(0, at);
  text = at == std::string_view::npos ? std::string_view() : text.substr(at + 1);
  return piece;
}

bool read_entry(std::string_view line, std::string& name, CachedFile& entry) {
  std::string_view fields[k_fields];
  std::size_t count = 0;
  for (;;) {
    const auto tab = line.find('\t');
    if (count == k_fields) return false;  // more fields than forge writes
    fields[count++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  if (count != k_fields) return false;
  name = std::string(fields[0]);
  if (!storable(name)) return false;
  util::FileStamp& stamp = entry.stamp;
  if (!read_number(fields[1], stamp.size) || !read_number(fields[2], stamp.mtime_ns) ||
      !read_number(fields[3], stamp.ctime_ns) || !read_number(fields[4], stamp.inode) ||
      !read_number(fields[5], stamp.device)) {
    return false;
  }
  entry.checksum = std::string(fields[6]);
  if (entry.checksum.size() != 64 && !entry.checksum.empty()) return false;
  return read_section(fields[7], entry.up) && read_section(fields[8], entry.down) &&
         unescaped(fields[9], entry.irreversible);
}

std::string entry_line(const std::string& name, const CachedFile& entry) {
  const util::FileStamp& stamp = entry.stamp;
  return name + '\t' + std::to_string(stamp.size) + '\t' + std::to_string(stamp.mtime_ns) + '\t' +
         std::to_string(stamp.ctime_ns) + '\t' + std::to_string(stamp.inode) + '\t' +
         std::to_string(stamp.device) + '\t' + entry.checksum + '\t' + section_field(entry.up) +
         '\t' + section_field(entry.down) + '\t' + escaped(entry.irreversible) + '\n';
}

}  // namespace

UnitCache::UnitCache(std::filesystem::path file, std::string key, std::int64_t now_ns)
    : m_file(std::move(file)), m_key(std::move(key)), m_opened_ns(now_ns) {
  load();
}

void UnitCache::load() noexcept {
  try {
    std::error_code error;
    if (!std::filesystem::is_regular_file(m_file, error)) return;
    const std::string text = util::read_file(m_file, std::size_t(256) << 20);
    std::string_view rest = text;
    if (cut(rest, '\n') != k_magic || cut(rest, '\n') != m_key) return;
    m_slots.reserve(rest.size() / 100 + 16);  // an entry's line is ~130 bytes
    while (!rest.empty()) {
      std::string name;
      CachedFile entry;
      if (!read_entry(cut(rest, '\n'), name, entry)) {
        m_slots.clear();  // written by something else: trust none of it
        return;
      }
      m_slots.insert_or_assign(std::move(name), Slot{std::move(entry), false});
    }
    m_loaded = m_slots.size();
  } catch (const std::exception&) {
    m_slots.clear();
  }
}

const CachedFile* UnitCache::find(const std::string& name, const util::FileStamp& stamp) {
  const std::lock_guard<std::mutex> lock(m_mutex);
  const auto found = m_slots.find(name);
  if (found == m_slots.end() || found->second.entry.stamp != stamp) return nullptr;
  if (!found->second.kept) ++m_found;
  found->second.kept = true;
  return &found->second.entry;
}

void UnitCache::remember(const std::string& name, CachedFile entry) {
  const std::int64_t changed = std::max(entry.stamp.mtime_ns, entry.stamp.ctime_ns);
  if (!storable(name) || changed >= m_opened_ns - k_racy_ns) return;
  const std::lock_guard<std::mutex> lock(m_mutex);
  m_slots.insert_or_assign(name, Slot{std::move(entry), true});
  m_changed = true;
}

bool UnitCache::save() noexcept {
  const std::lock_guard<std::mutex> lock(m_mutex);
  if (!m_changed && m_found == m_loaded) return false;
  try {
    std::string text = std::string(k_magic) + '\n' + m_key + '\n';
    for (const auto& [name, slot] : m_slots) {
      if (slot.kept) text += entry_line(name, slot.entry);
    }
    std::error_code error;
    std::filesystem::create_directories(m_file.parent_path(), error);
    util::replace_file(m_file, text);
    return true;
  } catch (const std::exception&) {
    return false;  // the next run reads the files again, as without a cache
  }
}

}  // namespace forge::core
