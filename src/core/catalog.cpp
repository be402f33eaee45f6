#include "core/catalog.hpp"

#include "core/version.hpp"

#include <algorithm>
#include <map>

namespace forge::core {

Catalog::Catalog(const std::vector<Unit>& units, const std::vector<HistoryRow>& history) {
  std::map<std::string, Entry> by_name;
  for (const auto& unit : units) {
    Entry& entry = by_name[unit.name];
    entry.name = unit.name;
    entry.version = unit.version;
    entry.unit = &unit;
  }
  for (const auto& row : history) {
    const std::string name = unit_name_of(row.name);
    Entry& entry = by_name[name];
    entry.name = name;
    entry.version = unit_version(name);
    entry.row = &row;
  }
  m_entries.reserve(by_name.size());
  for (auto& [name, entry] : by_name) m_entries.push_back(std::move(entry));
  std::stable_sort(m_entries.begin(), m_entries.end(), [](const Entry& a, const Entry& b) {
    const int order = compare_versions(a.version, b.version);
    return order != 0 ? order < 0 : a.name < b.name;
  });
}

}  // namespace forge::core
