#include "core/history.hpp"

#include "core/history_columns.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::core {

const char* state_name(RowState state) {
  switch (state) {
    case RowState::failed:
      return "failed";
    case RowState::running:
      return "running";
    case RowState::reverting:
      return "reverting";
    case RowState::applied:
      break;
  }
  return "applied";
}

RowState parse_state(const std::string& text) {
  if (text == "failed") return RowState::failed;
  if (text == "running") return RowState::running;
  if (text == "reverting") return RowState::reverting;
  return RowState::applied;
}

// Keys first, holder last: a holder is free text (a host name) and may hold ';' or '='.
std::string encode_progress(const HistoryRow& row) {
  if (row.in_flight == 0 && row.session.empty() && row.holder.empty()) return "";
  return "in_flight=" + std::to_string(row.in_flight) + ";session=" + row.session +
         ";holder=" + row.holder;
}

void decode_progress(const std::string& text, HistoryRow& row) {
  if (text.empty()) return;  // most rows: nothing was in flight
  constexpr std::string_view in_flight_key = "in_flight=", session_key = ";session=",
                             holder_key = ";holder=";
  const auto session_at = text.find(session_key);
  const auto holder_at = text.find(holder_key, session_at == std::string::npos ? 0 : session_at);
  if (!util::starts_with(text, in_flight_key) || session_at == std::string::npos ||
      holder_at == std::string::npos) {
    return;
  }
  const std::string number = text.substr(in_flight_key.size(), session_at - in_flight_key.size());
  if (number.empty() || number.size() > 6 ||
      number.find_first_not_of("0123456789") != std::string::npos) {
    return;
  }
  row.in_flight = std::stoi(number);
  row.session =
      text.substr(session_at + session_key.size(), holder_at - session_at - session_key.size());
  row.holder = text.substr(holder_at + holder_key.size());
}

std::string statements_text(int count) {
  return count < 0 ? "an unknown number of statements" : std::to_string(count) + " statement(s)";
}

std::string_view unit_name_of(std::string_view stored_name) {
  for (const std::string_view extension : {".js", ".cjs", ".mjs", ".ts"}) {
    if (util::ends_with(stored_name, extension) && stored_name.size() > extension.size()) {
      return stored_name.substr(0, stored_name.size() - extension.size());
    }
  }
  return stored_name;
}

std::vector<std::string> missing_history_columns(const std::vector<std::string>& existing) {
  std::vector<std::string> missing;
  for (const char* column : k_added_history_columns) {
    bool found = false;
    for (const auto& name : existing) found = found || util::to_lower(name) == column;
    if (!found) missing.emplace_back(column);
  }
  return missing;
}

std::vector<std::string> foreign_history_columns(const std::vector<std::string>& existing) {
  std::vector<std::string> foreign;
  for (const auto& name : existing) {
    const std::string lower = util::to_lower(name);
    bool known = lower == "name";
    for (const char* column : k_added_history_columns) known = known || lower == column;
    if (!known) foreign.push_back(name);
  }
  return foreign;
}

}  // namespace forge::core
