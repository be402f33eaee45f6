#include "declarative/row_regions.hpp"

#include <cstring>
#include <string_view>

#include "declarative/flow_row.hpp"
#include "util/mapped_file.hpp"

namespace forge::declarative {

namespace {

constexpr std::string_view k_marker = "__forge_streamed_rows_";

// One line of the file, without its newline.
struct Line {
  std::string_view text;
  std::size_t next = 0;  ///< offset of the line after it
  std::size_t indent = 0;

  bool is_blank_or_comment() const { return indent == text.size() || text[indent] == '#'; }
  bool is_item() const {
    return indent < text.size() && text[indent] == '-' &&
           (indent + 1 == text.size() || text[indent + 1] == ' ');
  }
  // `rows:`, maybe followed by a comment: the key of a block list to come.
  bool is_rows_key() const {
    std::string_view rest = text.substr(indent);
    if (rest.substr(0, 5) != "rows:") return false;
    rest.remove_prefix(5);
    const std::size_t after = rest.find_first_not_of(' ');
    return after == std::string_view::npos || (after > 0 && rest[after] == '#');
  }
};

Line line_at(std::string_view text, std::size_t at) {
  const void* found = std::memchr(text.data() + at, '\n', text.size() - at);
  const std::size_t end =
      found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data())
                       : text.size();
  Line line{text.substr(at, end - at), found != nullptr ? end + 1 : end, 0};
  while (line.indent < line.text.size() && line.text[line.indent] == ' ') ++line.indent;
  return line;
}

// Writes the outline line by line, noting where its lines lie in the file.
class OutlineWriter {
 public:
  void add(std::string_view text, int file_line) {
    m_outline.text.append(text).push_back('\n');
    const int line = ++m_lines;
    if (line + m_by != file_line) {
      m_by = file_line - line;
      m_outline.shifts.push_back(LineShift{line, m_by});
    }
  }
  void add_region(RowRegion region) {
    region.marker = std::string(k_marker) + std::to_string(m_outline.regions.size()) + "__";
    add(std::string(static_cast<std::size_t>(region.indent), ' ') + "- " + region.marker,
        region.first_line);
    m_outline.regions.push_back(std::move(region));
  }
  UnitOutline take() { return std::move(m_outline); }

 private:
  UnitOutline m_outline;
  int m_lines = 0;
  int m_by = 0;
};

}  // namespace

std::optional<UnitOutline> outline_unit(const util::MappedFile& file, std::size_t start) {
  const std::string_view text = file.view();
  util::SequentialPass pass(file, start);
  OutlineWriter outline;
  std::optional<RowRegion> region;
  std::optional<std::size_t> rows_key;  // the indent of a `rows:` whose list may follow
  int number = 1;
  for (std::size_t at = start; at < text.size(); ++number) {
    pass.passed(at);
    const Line line = line_at(text, at);
    if (region) {
      const bool inside =
          line.is_blank_or_comment() || line.indent > static_cast<std::size_t>(region->indent) ||
          (line.indent == static_cast<std::size_t>(region->indent) && line.is_item());
      if (inside) {
        region->end = at = line.next;
        continue;
      }
      outline.add_region(std::move(*region));
      region.reset();
    }
    if (rows_key && !line.is_blank_or_comment()) {
      if (line.indent >= *rows_key && line.is_item()) {
        region = RowRegion{at, line.next, number, static_cast<int>(line.indent), ""};
        rows_key.reset();
        at = line.next;
        continue;
      }
      rows_key.reset();
    }
    if (line.text.find(k_marker) != std::string_view::npos) return std::nullopt;
    outline.add(line.text, number);
    if (line.is_rows_key()) rows_key = line.indent;
    at = line.next;
  }
  if (region) outline.add_region(std::move(*region));
  UnitOutline out = outline.take();
  if (out.regions.empty()) return std::nullopt;
  return out;
}

namespace {

// Reads one item of a region, its lines the first at `line`, into `row`.
void read_item(std::string_view item, int line, const std::string& path, DocumentNode& row) {
  const Line first = line_at(item, 0);
  bool one_line = true;
  for (std::size_t at = first.next; at < item.size() && one_line;) {
    const Line next = line_at(item, at);
    one_line = next.is_blank_or_comment();
    at = next.next;
  }
  const std::size_t brace = first.text.find_first_not_of(' ', first.indent + 1);
  if (one_line && brace != std::string_view::npos && first.text[brace] == '{') {
    const SourceLocation at{path, line, static_cast<int>(brace) + 1};
    if (read_flow_row(first.text.substr(brace), at, row)) return;
  }
  DocumentNode list = parse_document(std::string(item), path, {LineShift{1, line - 1}});
  row = std::move(list.items.at(0));  // the item starts with `- `: a list of one
}

}  // namespace

void each_row(const util::MappedFile& file, const RowRegion& region, const std::string& path,
              const std::function<bool(const DocumentNode&)>& each) {
  const std::string_view text = file.view().substr(0, region.end);
  util::SequentialPass pass(file, region.begin);
  DocumentNode row;  // one node for every row: its storage is reused
  std::size_t item = region.begin;
  int item_line = region.first_line;
  int number = region.first_line;
  for (std::size_t at = region.begin; at < text.size(); ++number) {
    const Line line = line_at(text, at);
    if (at != item && line.indent == static_cast<std::size_t>(region.indent) && line.is_item()) {
      read_item(text.substr(item, at - item), item_line, path, row);
      if (!each(row)) return;
      item = at;
      item_line = number;
      pass.passed(at);
    }
    at = line.next;
  }
  read_item(text.substr(item), item_line, path, row);
  each(row);
}

}  // namespace forge::declarative
