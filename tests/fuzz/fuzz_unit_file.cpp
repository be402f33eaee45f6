// libFuzzer target: a whole SQL unit file as forge reads one. The input's first line is the
// file name (parse_unit_file_name), the rest its content, which goes through what
// core/source.cpp does with it: newline normalisation, parse_marked_sql for a single-file unit,
// then split_sql on each section (around goose's StatementBegin/End blocks) for every dialect.
// forge::Error is an expected answer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "core/sql_unit_parser.hpp"
#include "core/unit_file_name.hpp"
#include "util/strings.hpp"

namespace {

using forge::core::Dialect;

void split_everywhere(const std::string& text, const std::string& file, int first_line,
                      const std::vector<forge::core::LineRange>& whole = {}) {
  for (auto dialect : {Dialect::sqlite, Dialect::postgres, Dialect::mysql}) {
    try {
      forge::core::split_sql(text, {file, first_line}, dialect, whole);
    } catch (const forge::Error&) {
    }
  }
}

// Digits, or Flyway's dot-separated parts of digits.
bool is_version(const std::string& version) {
  const auto parts = forge::util::split(version, '.');
  for (const auto& part : parts) {
    if (!forge::util::is_digits(part)) return false;
  }
  return !parts.empty();
}

void check_section(const std::optional<forge::core::MarkedSection>& section, int line_count) {
  if (!section) return;
  // A section begins on the line after its marker, both inside the file.
  if (section->marker_line < 1 || section->marker_line > line_count) std::abort();
  if (section->first_line != section->marker_line + 1) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  const std::string file(input.substr(0, newline));
  const std::string text = forge::util::normalize_newlines(
      newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1));

  const auto name = forge::core::parse_unit_file_name(file);
  if (name && !is_version(name->version)) std::abort();
  if (name && name->format != forge::core::FileFormat::sql) return 0;
  if (name && name->role != forge::core::FileRole::both) {
    split_everywhere(text, file, 1);
    return 0;
  }
  try {
    const auto marked = forge::core::parse_marked_sql(text, file);
    const int line_count = forge::util::count_newlines(text) + 1;
    check_section(marked.up, line_count);
    check_section(marked.down, line_count);
    for (const auto* section : {&marked.up, &marked.down}) {
      if (*section) {
        split_everywhere((*section)->text, file, (*section)->first_line,
                         (*section)->whole_statements);
      }
    }
  } catch (const forge::Error&) {
  }
  return 0;
}
