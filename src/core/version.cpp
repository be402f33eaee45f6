#include "core/version.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace forge::core {

namespace {

std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

int compare_digits(std::string_view a, std::string_view b) {
  a = without_leading_zeros(a);
  b = without_leading_zeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

// The dot-separated parts of a version; "0" past the end.
std::string_view part(std::string_view version, std::size_t index) {
  for (std::size_t i = 0; i < index; ++i) {
    const auto dot = version.find('.');
    if (dot == std::string_view::npos) return "0";
    version.remove_prefix(dot + 1);
  }
  return version.substr(0, version.find('.'));
}

std::size_t part_count(std::string_view version) {
  std::size_t count = 1;
  for (char c : version) count += c == '.' ? 1 : 0;
  return count;
}

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  // The usual versions, timestamps or sequence numbers, have one part.
  if (a.find('.') == std::string_view::npos && b.find('.') == std::string_view::npos) {
    return compare_digits(a, b);
  }
  const std::size_t parts = std::max(part_count(a), part_count(b));
  for (std::size_t i = 0; i < parts; ++i) {
    if (const int order = compare_digits(part(a, i), part(b, i))) return order;
  }
  return 0;
}

std::string_view leading_version(std::string_view name) {
  std::size_t end = 0;
  while (end < name.size() && is_digit(name[end])) ++end;
  return name.substr(0, end);
}

bool parse_flyway_name(std::string_view name, FlywayName& out) {
  if (name.size() < 4) return false;
  const char kind = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  if (kind != 'V' && kind != 'U' && kind != 'R') return false;
  const auto separator = name.find("__");
  if (separator == std::string_view::npos || separator + 2 == name.size()) return false;
  const std::string_view version = name.substr(1, separator - 1);
  if (kind == 'R') {
    if (!version.empty()) return false;
  } else {
    // Digits, parts separated by '.' or '_' (Flyway reads `1_1` as 1.1).
    if (version.empty() || !is_digit(version.front()) || !is_digit(version.back())) return false;
    for (std::size_t i = 0; i < version.size(); ++i) {
      const bool separates = version[i] == '.' || version[i] == '_';
      if (!is_digit(version[i]) && !(separates && is_digit(version[i + 1]))) return false;
    }
  }
  out.kind = kind;
  out.version.clear();
  for (char c : version) out.version += c == '_' ? '.' : c;
  out.stem = (kind == 'R' ? "R" : "V") + std::string(name.substr(1));
  return true;
}

std::string unit_version(std::string_view name) {
  FlywayName flyway;
  if (parse_flyway_name(name, flyway)) return flyway.version;
  return std::string(leading_version(name));
}

}  // namespace forge::core
