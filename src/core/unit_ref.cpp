#include "core/unit_ref.hpp"

#include "core/errors.hpp"
#include "core/history.hpp"
#include "core/unit_file_name.hpp"
#include "core/version.hpp"
#include "util/strings.hpp"

#include <filesystem>
#include <vector>

namespace forge::core {

namespace {

std::string base_name(std::string_view path) {
  return std::filesystem::path(std::string(path)).filename().string();
}

bool names_file(const Entry& entry, const std::string& reference) {
  if (entry.unit == nullptr) return false;
  for (const auto& file : entry.unit->files) {
    if (file == reference || base_name(file) == reference) return true;
  }
  return false;
}

bool matches(const Entry& entry, const std::string& reference) {
  if (entry.name == reference || names_file(entry, reference)) return true;
  // sequelize-cli's habits: `--seed 20240315102344-demo-users.js`, `--seed seeders/demo-users`.
  const std::string base = base_name(reference);
  if (unit_name_of(base) == entry.name) return true;
  if (util::is_digits(reference)) return compare_versions(entry.version, reference) == 0;
  // A file name for this stem that is not on disk (another dialect's variant, or an applied
  // unit whose file is gone) still names it exactly.
  auto parsed = parse_unit_file_name(base_name(reference));
  return parsed && parsed->stem == entry.name;
}

std::string list_of(const std::vector<const Entry*>& entries, std::size_t limit) {
  std::string text;
  for (std::size_t i = 0; i < entries.size() && i < limit; ++i) text += "\n  " + entries[i]->name;
  if (entries.size() > limit) text += "\n  ... and " + std::to_string(entries.size() - limit) + " more";
  return text;
}

}  // namespace

const Entry& resolve_unit_ref(const Catalog& catalog, std::string_view reference) {
  const std::string wanted(util::trim(reference));
  std::vector<const Entry*> found;
  for (const auto& entry : catalog.entries()) {
    if (matches(entry, wanted)) found.push_back(&entry);
  }
  if (found.size() == 1) return *found.front();
  if (found.size() > 1) {
    throw UsageError("'" + wanted + "' names more than one unit:" + list_of(found, 20),
                     "Name the unit by its full name.");
  }
  std::vector<const Entry*> all;
  for (const auto& entry : catalog.entries()) all.push_back(&entry);
  throw UsageError("no unit is named '" + wanted + "'" +
                       (all.empty() ? std::string(" (there are no units)")
                                    : "; the units are:" + list_of(all, 20)),
                   "Use a unit's file name, its name without extension, or its version.");
}

}  // namespace forge::core
