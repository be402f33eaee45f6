#include "core/sql_unit_parser.hpp"

#include "core/errors.hpp"
#include "util/strings.hpp"

#include <vector>

namespace forge::core {

namespace {

enum class Marker { none, up, down };

struct MarkerLine {
  Marker marker = Marker::none;
  std::vector<std::string> options;
};

// "-- forge:up transaction:false" -> {up, ["transaction:false"]}
MarkerLine read_marker(std::string_view line) {
  line = util::trim(line);
  if (!util::starts_with(line, "--")) return {};
  std::vector<std::string> words;
  for (const auto& word : util::split(util::trim(line.substr(2)), ' ')) {
    if (!util::trim(word).empty()) words.emplace_back(util::trim(word));
  }
  if (words.empty()) return {};
  const std::string head = util::to_lower(words[0]);
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
      throw MigrationFileError(file, line, "unknown marker option '" + option + "'",
                               "The only marker option is transaction:false (or transaction:true).");
    }
  }
  return in_transaction;
}

const char* marker_text(Marker marker) {
  return marker == Marker::up ? "-- forge:up" : "-- forge:down";
}

}  // namespace

MarkedSql parse_marked_sql(std::string_view text, const std::string& file) {
  MarkedSql result;
  std::optional<MarkedSection>* current = nullptr;
  std::string* body = nullptr;
  const auto lines = util::split(text, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    const MarkerLine marker = read_marker(lines[i]);
    if (marker.marker != Marker::none) {
      auto& slot = marker.marker == Marker::up ? result.up : result.down;
      if (slot) {
        throw MigrationFileError(file, line_no,
                                 std::string("second ") + marker_text(marker.marker) +
                                     " marker (the first is on line " +
                                     std::to_string(slot->marker_line) + ")",
                                 "A unit has one up and at most one down section.");
      }
      slot = MarkedSection{{}, line_no + 1, line_no,
                           read_transaction_option(marker.options, file, line_no)};
      current = &slot;
      body = &slot->text;
      continue;
    }
    if (current == nullptr) {
      const std::string_view trimmed = util::trim(lines[i]);
      if (!trimmed.empty() && !util::starts_with(trimmed, "--")) {
        throw MigrationFileError(file, line_no, "SQL before the first -- forge:up marker",
                                 "Start the file with a '-- forge:up' line (dbmate's "
                                 "'-- migrate:up' works too), then the SQL.");
      }
      continue;
    }
    *body += lines[i];
    if (i + 1 < lines.size()) *body += '\n';
  }
  return result;
}

}  // namespace forge::core
