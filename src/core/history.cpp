#include "core/history.hpp"

#include "core/history_columns.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace forge::core {

const char* state_name(RowState state) {
  return state == RowState::failed ? "failed" : "applied";
}

RowState parse_state(const std::string& text) {
  return text == "failed" ? RowState::failed : RowState::applied;
}

std::string hash_statements(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& text : texts) {
    if (!out.empty()) out += ',';
    out += util::sha256_hex(text);
  }
  return out;
}

std::string unit_name_of(const std::string& stored_name) {
  for (const char* extension : {".js", ".cjs", ".mjs", ".ts"}) {
    if (util::ends_with(stored_name, extension) &&
        stored_name.size() > std::string_view(extension).size()) {
      return stored_name.substr(0, stored_name.size() - std::string_view(extension).size());
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

}  // namespace forge::core
