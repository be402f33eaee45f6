#include "core/integrity.hpp"

#include "core/errors.hpp"

namespace forge::core {

namespace {

std::string names_of(const std::vector<const Entry*>& entries) {
  std::string out;
  for (const Entry* entry : entries) out += (out.empty() ? "" : ", ") + entry->name;
  return out;
}

}  // namespace

Integrity inspect(const Catalog& catalog) {
  Integrity found;
  const Entry* newest_applied = nullptr;
  for (const Entry& entry : catalog.entries()) {
    if (entry.is_changed()) found.changed.push_back(&entry);
    if (!entry.has_file()) found.missing.push_back(&entry);
    if (!entry.is_pending()) newest_applied = &entry;
  }
  for (const Entry& entry : catalog.entries()) {
    if (&entry == newest_applied) break;
    if (newest_applied != nullptr && entry.is_pending()) found.out_of_order.push_back(&entry);
  }
  return found;
}

void enforce_before_migrate(const Integrity& found, bool strict, const Warn& warn) {
  if (!found.changed.empty()) {
    const std::string& first = found.changed.front()->name;
    throw RefusedError(
        "applied unit(s) changed since they ran: " + names_of(found.changed) +
            " (the up section no longer matches the checksum in the history table)",
        "Restore the file(s) as they were applied and put the change in a new unit, or record "
        "the new content with 'forge db:migrate:resolve " + first + " --accept-checksum'.");
  }
  if (!found.missing.empty()) {
    const std::string text = "applied unit(s) whose file is gone: " + names_of(found.missing);
    if (strict) {
      throw RefusedError(text + " (--strict)",
                         "Restore the files, or run without --strict to carry on regardless.");
    }
    warn(text + " (an older release running on a newer database?); carrying on");
  }
  if (!found.out_of_order.empty()) {
    const std::string text = "pending unit(s) older than the newest applied one: " +
                             names_of(found.out_of_order);
    if (strict) {
      throw RefusedError(text + " (--strict)",
                         "Give them versions after the newest applied unit, or run without "
                         "--strict to apply them out of order.");
    }
    warn(text + "; applying them out of order");
  }
}

}  // namespace forge::core
