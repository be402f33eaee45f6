#include "core/sql_unit_parser.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

enum class Marker { none, up, down, statement_begin, statement_end, no_transaction };

struct MarkerLine {
  Marker marker = Marker::none;
  std::vector<std::string> options;
};

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  for (const auto& word : util::split(text, ' ')) {
    if (!util::trim(word).empty()) words.emplace_back(util::trim(word));
  }
  return words;
}

// goose's annotations, case-insensitive: "-- +goose Up", "-- +goose StatementBegin", ...
Marker read_goose_annotation(const std::vector<std::string>& words, const std::string& file,
                             int line) {
  std::string annotation;
  for (std::size_t i = 1; i < words.size(); ++i) annotation += util::to_lower(words[i]);
  if (annotation == "up") return Marker::up;
  if (annotation == "down") return Marker::down;
  if (annotation == "statementbegin") return Marker::statement_begin;
  if (annotation == "statementend") return Marker::statement_end;
  if (annotation == "notransaction") return Marker::no_transaction;
  if (annotation == "envsuboff") return Marker::none;  // goose's default: nothing to do
  throw MigrationFileError(
      file, line, "goose annotation '" + util::join(words, " ") + "' is not supported",
      annotation == "envsubon"
          ? "forge does not substitute environment variables in SQL; write the values out."
          : "forge reads -- +goose Up, Down, StatementBegin, StatementEnd and NO TRANSACTION.");
}

// "-- forge:up transaction:false" -> {up, ["transaction:false"]}
MarkerLine read_marker(std::string_view line, const std::string& file, int line_no) {
  line = util::trim(line);
  if (!util::starts_with(line, "--")) return {};
  const std::vector<std::string> words = words_of(util::trim(line.substr(2)));
  if (words.empty()) return {};
  const std::string head = util::to_lower(words[0]);
  if (head == "+goose") return {read_goose_annotation(words, file, line_no), {}};
  MarkerLine result;
  if (head == "forge:up" || head == "migrate:up") result.marker = Marker::up;
  if (head == "forge:down" || head == "migrate:down") result.marker = Marker::down;
  if (result.marker != Marker::none) result.options.assign(words.begin() + 1, words.end());
  return result;
}

bool read_transaction_option(const std::vector<std::string>& options, const std::string& file,
                             int line) {
  bool in_transaction = true;
  for (const auto& option : options) {
    const std::string lower = util::to_lower(option);
    if (lower == "transaction:false") {
      in_transaction = false;
    } else if (lower != "transaction:true") {
      throw MigrationFileError(
          file, line, "unknown marker option '" + option + "'",
          "The only marker option is transaction:false (or transaction:true).");
    }
  }
  return in_transaction;
}

const char* marker_text(Marker marker) {
  return marker == Marker::up ? "-- forge:up" : "-- forge:down";
}

// Walks the lines once, filling the sections.
class MarkerReader {
 public:
  // `copy_text`: fill each section's text (else only its offset and length).
  MarkerReader(const std::string& file, bool copy_text, ScanProgress progress)
      : m_file(file), m_copy_text(copy_text), m_progress(std::move(progress)) {}

  // A section's text is the run of lines from the one after its marker up to the next up or
  // down marker (or the end): taken as one slice of `text`, not line by line.
  void read(std::string_view text) {
    int line_no = 0;
    for (std::size_t start = 0;;) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = text.substr(start, end - start);
      const MarkerLine marker = read_marker(line, m_file, ++line_no);
      if (marker.marker == Marker::up || marker.marker == Marker::down) {
        take_text(text, start);
        open_section(marker, line_no);
        m_text_start = std::min(end + 1, text.size());
      } else {
        read_line(marker.marker, line, line_no);
      }
      if (m_progress) m_progress(end);
      if (end == text.size()) break;
      start = end + 1;
    }
    take_text(text, text.size());
    if (m_block_start != 0) unterminated_block(m_block_start);
  }

  // A unit's single file must give its up: a file of comments only, or a down alone, is a mistake.
  MarkedSql result() {
    if (!m_result.up) {
      throw MigrationFileError(
          m_file, 0, "no up section",
          "Add a '-- forge:up' line (or dbmate's '-- migrate:up', goose's '-- +goose Up') "
          "before the SQL.");
    }
    for (auto* section : {&m_result.up, &m_result.down}) {
      if (*section && m_no_transaction) (*section)->in_transaction = false;
    }
    return std::move(m_result);
  }

 private:
  void read_line(Marker marker, std::string_view line, int line_no) {
    if (marker == Marker::statement_begin) {
      begin_block(line_no);
    } else if (marker == Marker::statement_end) {
      end_block(line_no);
    } else if (marker == Marker::no_transaction) {
      m_no_transaction = true;
    } else if (m_current == nullptr) {
      refuse_sql_before_marker(line, line_no);
    }
  }

  // The open section's text ends at `end` (the start of the next marker line, or the end).
  void take_text(std::string_view text, std::size_t end) {
    if (m_current == nullptr) return;
    m_current->offset = m_text_start;
    m_current->length = end - m_text_start;
    if (m_copy_text) m_current->text.assign(text.substr(m_text_start, end - m_text_start));
  }

  void open_section(const MarkerLine& marker, int line_no) {
    if (m_block_start != 0) unterminated_block(m_block_start);
    auto& slot = marker.marker == Marker::up ? m_result.up : m_result.down;
    if (slot) {
      throw MigrationFileError(m_file, line_no,
                               std::string("second ") + marker_text(marker.marker) +
                                   " marker (the first is on line " +
                                   std::to_string(slot->marker_line) + ")",
                               "A unit has one up and at most one down section.");
    }
    slot = MarkedSection{
        {}, 0, 0, line_no + 1, line_no, read_transaction_option(marker.options, m_file, line_no),
        {}};
    m_current = &*slot;
  }

  void begin_block(int line_no) {
    if (m_current == nullptr || m_block_start != 0) {
      throw MigrationFileError(m_file, line_no,
                               m_current == nullptr ? "-- +goose StatementBegin before -- +goose Up"
                                                    : "-- +goose StatementBegin inside another one",
                               "Close each StatementBegin with a StatementEnd, inside a section.");
    }
    m_block_start = line_no;
  }

  void end_block(int line_no) {
    if (m_block_start == 0) {
      throw MigrationFileError(m_file, line_no, "-- +goose StatementEnd without a StatementBegin",
                               "Add the StatementBegin line before the statement.");
    }
    m_current->whole_statements.push_back(LineRange{m_block_start + 1, line_no - 1});
    m_block_start = 0;
  }

  [[noreturn]] void unterminated_block(int line_no) const {
    throw MigrationFileError(m_file, line_no, "-- +goose StatementBegin without a StatementEnd",
                             "Add '-- +goose StatementEnd' after the statement.");
  }

  void refuse_sql_before_marker(std::string_view line, int line_no) const {
    const std::string_view trimmed = util::trim(line);
    if (!trimmed.empty() && !util::starts_with(trimmed, "--")) {
      throw MigrationFileError(
          m_file, line_no, "SQL before the first -- forge:up marker",
          "Start the file with a '-- forge:up' line (dbmate's "
          "'-- migrate:up' and goose's '-- +goose Up' work too), then the SQL.");
    }
  }

  const std::string& m_file;
  bool m_copy_text;
  ScanProgress m_progress;
  MarkedSql m_result;
  MarkedSection* m_current = nullptr;
  std::size_t m_text_start = 0;  // where the open section's text begins
  int m_block_start = 0;         // line of the open StatementBegin, 0 when none
  bool m_no_transaction = false;
};

}  // namespace

void refuse_section_markers(std::string_view text, const std::string& file,
                            const ScanProgress& progress) {
  int line_no = 0;
  for (std::size_t start = 0; start <= text.size(); ++start) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end;
    if (progress) progress(end);
    const Marker marker = read_marker(line, file, ++line_no).marker;
    if (marker != Marker::up && marker != Marker::down) continue;
    throw MigrationFileError(
        file, line_no,
        "a section marker in a file that holds one direction: all of the file runs as that "
        "direction, so the marker and what follows it would run too",
        "Remove the marker line. Keep the up and the down in separate .up.sql and .down.sql "
        "files, or write one <version>_<name>.sql file with both markers.");
  }
}

MarkedSql parse_marked_sql(std::string_view text, const std::string& file) {
  MarkerReader reader(file, true, nullptr);
  reader.read(text);
  return reader.result();
}

MarkedSql locate_marked_sql(std::string_view text, const std::string& file,
                            const ScanProgress& progress) {
  MarkerReader reader(file, false, progress);
  reader.read(text);
  return reader.result();
}

}  // namespace forge::core
