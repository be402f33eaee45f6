// The small rules of the schema planner: what --rename says, and which type changes widen.
#include <algorithm>
#include <cctype>
#include <regex>

#include "core/errors.hpp"
#include "declarative/schema_plan.hpp"

namespace forge::declarative {

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

int integer_rank(const std::string& type) {
  static const std::vector<std::vector<std::string>> ranks = {{"smallint", "int2", "tinyint"},
                                                              {"mediumint"},
                                                              {"integer", "int", "int4"},
                                                              {"bigint", "int8"}};
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (std::find(ranks[i].begin(), ranks[i].end(), type) != ranks[i].end())
      return static_cast<int>(i) + 1;
  }
  return 0;
}

}  // namespace

SchemaRename parse_rename(const std::string& text) {
  const auto equals = text.find('=');
  const std::string hint =
      "Write --rename old=new for a table, or table.old=table.new for a column.";
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
    throw UsageError("--rename '" + text + "' is not old=new", hint);
  }
  const std::string from = text.substr(0, equals);
  const std::string to = text.substr(equals + 1);
  const auto from_dot = from.find('.');
  const auto to_dot = to.find('.');
  if (from_dot == std::string::npos && to_dot == std::string::npos) return {"", from, to};
  if (from_dot == std::string::npos || to_dot == std::string::npos ||
      from.substr(0, from_dot) != to.substr(0, to_dot) || from_dot + 1 == from.size() ||
      to_dot + 1 == to.size()) {
    throw UsageError("--rename '" + text + "' names a column on one side only, or two tables",
                     hint);
  }
  return {from.substr(0, from_dot), from.substr(from_dot + 1), to.substr(to_dot + 1)};
}

bool is_widening(const std::string& from, const std::string& to) {
  const std::string a = lower(from);
  const std::string b = lower(to);
  const int from_rank = integer_rank(a);
  const int to_rank = integer_rank(b);
  if (from_rank && to_rank) return to_rank >= from_rank;
  static const std::regex sized(R"((character varying|varchar|character|char)\((\d+)\))");
  std::smatch m, n;
  const bool a_sized = std::regex_match(a, m, sized);
  if (a_sized && (b == "text" || b == "character varying" || b == "varchar")) {
    return m[1] != "character" && m[1] != "char";
  }
  if (a_sized && std::regex_match(b, n, sized) && m[1] == n[1]) {
    return std::stoll(n[2]) >= std::stoll(m[2]);
  }
  return false;
}

}  // namespace forge::declarative
