#include "core/plan.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "core/resume.hpp"
#include "core/unit_ref.hpp"

namespace forge::core {

namespace {

std::size_t checked_count(const std::optional<int>& step, std::size_t fallback) {
  if (!step) return fallback;
  if (*step < 1) throw UsageError("--step must be 1 or more", "Pass --step 1 to take one unit.");
  return static_cast<std::size_t>(*step);
}

void check_revertible(const Entry& entry) {
  if (entry.is_failed() && !entry.is_reverting()) {
    throw refuse_failed_unit(entry, "it stopped part-way and is not applied");
  }
  if (!entry.has_file()) {
    throw PlanError("cannot undo " + entry.name + ": it is applied but its file is missing",
                    "Restore the unit's file, then run the undo again.");
  }
  if (!entry.unit->down && !entry.unit->irreversible.empty()) {
    throw PlanError("cannot undo " + entry.name + ": " + entry.unit->irreversible,
                    "Add a down: list to the unit that reverts it.");
  }
  if (!entry.unit->down) {
    throw PlanError(
        "cannot undo " + entry.name + ": " + entry.unit->up.file + " has no down section",
        "Add a '-- forge:down' section (or a .down.sql file) that reverts it.");
  }
}

std::vector<Step> as_down_steps(const std::vector<const Entry*>& entries) {
  std::vector<Step> steps;
  for (const Entry* entry : entries) check_revertible(*entry);
  for (const Entry* entry : entries) {
    if (!entry->is_reverting()) {
      steps.push_back(Step{entry, Direction::down});
    } else {  // its down stopped part-way: carry on where it stopped
      steps.push_back(Step{entry, Direction::down, revert_point(*entry),
                           static_cast<std::size_t>(entry->row->in_flight)});
    }
  }
  return steps;
}

// Entries that ran (applied, or failed part-way) from newest to oldest, down to and including
// index `floor`.
std::vector<const Entry*> ran_newest_first(const Catalog& catalog, std::size_t floor) {
  std::vector<const Entry*> ran;
  const auto& entries = catalog.entries();
  for (std::size_t i = entries.size(); i-- > floor;) {
    if (!entries[i].is_pending()) ran.push_back(&entries[i]);
  }
  return ran;
}

Step up_step(const Entry& entry) {
  if (!entry.is_failed()) return Step{&entry, Direction::up, 0};
  if (entry.is_reverting()) {
    throw RefusedError(entry.name + " was being reverted when its run stopped (" +
                           statements_text(entry.row->statements_done) +
                           " of its down took effect)",
                       "Finish reverting it with 'forge db:migrate:undo --name " + entry.name +
                           "', then run db:migrate.");
  }
  return Step{&entry, Direction::up, resume_point(entry),
              static_cast<std::size_t>(entry.row->in_flight)};
}

// The entries `names` refer to, each once, in the catalog's order.
std::vector<const Entry*> named_entries(const Catalog& catalog,
                                        const std::vector<std::string>& names) {
  std::vector<const Entry*> chosen;
  for (const auto& name : names) {
    const Entry* entry = &resolve_unit_ref(catalog, name);
    if (std::find(chosen.begin(), chosen.end(), entry) == chosen.end()) chosen.push_back(entry);
  }
  std::sort(chosen.begin(), chosen.end(), [&catalog](const Entry* a, const Entry* b) {
    return catalog.index_of(*a) < catalog.index_of(*b);
  });
  return chosen;
}

}  // namespace

std::vector<Step> plan_migrate(const Catalog& catalog, const MigrateRequest& request) {
  if (!request.names.empty()) {
    std::vector<Step> steps;
    for (const Entry* entry : named_entries(catalog, request.names)) {
      if (!entry->is_applied()) steps.push_back(up_step(*entry));
    }
    return steps;
  }
  const std::size_t limit = checked_count(request.step, catalog.entries().size());
  std::size_t first = 0;
  std::size_t last = catalog.entries().size();
  if (request.from) first = catalog.index_of(resolve_unit_ref(catalog, *request.from)) + 1;
  if (request.to) last = catalog.index_of(resolve_unit_ref(catalog, *request.to)) + 1;
  std::vector<Step> steps;
  for (std::size_t i = first; i < last && steps.size() < limit; ++i) {
    const Entry& entry = catalog.entries()[i];
    // Pending entries always have a file; a failed one whose file is gone refuses in up_step.
    if (!entry.is_applied()) steps.push_back(up_step(entry));
  }
  return steps;
}

std::vector<Step> plan_undo(const Catalog& catalog, const UndoRequest& request) {
  if (request.name) {
    const Entry& entry = resolve_unit_ref(catalog, *request.name);
    if (entry.is_pending()) {
      throw UsageError(entry.name + " is not applied", "Only applied units can be undone.");
    }
    return as_down_steps({&entry});
  }
  if (request.scope == UndoRequest::Scope::all) {
    std::size_t floor = 0;
    if (request.to) floor = catalog.index_of(resolve_unit_ref(catalog, *request.to));
    return as_down_steps(ran_newest_first(catalog, floor));
  }
  auto applied = ran_newest_first(catalog, 0);
  const std::size_t count = checked_count(request.step, 1);
  if (applied.size() > count) applied.resize(count);
  return as_down_steps(applied);
}

}  // namespace forge::core
