#include "core/catalog.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/version.hpp"

namespace forge::core {

Catalog::Catalog(const std::vector<Unit>& units, const std::vector<HistoryRow>& history) {
  // Reserved whole, so the entries never move: their names serve as keys below.
  m_entries.reserve(units.size() + history.size());
  std::unordered_map<std::string_view, std::size_t> by_name;
  by_name.reserve(units.size() + history.size());
  for (const auto& unit : units) {
    const auto [at, fresh] = by_name.emplace(unit.name, m_entries.size());
    if (fresh) m_entries.push_back(Entry{unit.name, unit.version});
    m_entries[at->second].unit = &unit;
  }
  for (const auto& row : history) {
    const std::string_view name = unit_name_of(row.name);
    auto at = by_name.find(name);
    if (at == by_name.end()) {
      m_entries.push_back(Entry{std::string(name), unit_version(name)});
      at = by_name.emplace(m_entries.back().name, m_entries.size() - 1).first;
    }
    m_entries[at->second].row = &row;
  }
  // Names are unique, so this order is total; units come sorted, and rows with no file are few.
  const auto in_order = [](const Entry& a, const Entry& b) {
    const int order = compare_versions(a.version, b.version);
    return order != 0 ? order < 0 : a.name < b.name;
  };
  if (!std::is_sorted(m_entries.begin(), m_entries.end(), in_order)) {
    std::sort(m_entries.begin(), m_entries.end(), in_order);
  }
}

}  // namespace forge::core
