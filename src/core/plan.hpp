#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"

namespace forge::core {

enum class Direction { up, down };

/// One unit to apply or revert.
struct Step {
  const Entry* entry = nullptr;
  Direction direction = Direction::up;
  std::size_t resume_from = 0;  ///< statements to skip: they took effect on an earlier run
  /// 1-based statement an earlier run sent without recording its outcome: the runner settles
  /// it from the catalog before going on; 0 for none.
  std::size_t in_flight = 0;
};

/// `db:migrate`: pending units in order, after `from` (as sequelize-cli's --from: excluding
/// it), up to and including `to`, at most `step` of them.
struct MigrateRequest {
  std::optional<std::string> to;
  std::optional<int> step;
  std::optional<std::string> from;
  /// When not empty: exactly these units (sequelize-cli's `--name`, `db:seed --seed a b`), in
  /// the catalog's order, those not applied yet; the others are not looked at.
  std::vector<std::string> names;
};

/// `db:migrate:undo` (scope last) and `db:migrate:undo:all` (scope all).
struct UndoRequest {
  enum class Scope { last, all };
  Scope scope = Scope::last;
  std::optional<int> step;          ///< last: how many, newest first (default 1)
  std::optional<std::string> name;  ///< last: exactly this applied unit
  std::optional<std::string> to;    ///< all: down to and including this unit
};

/// The steps `db:migrate` takes. A unit that failed part-way on an earlier run is resumed at its
/// failed statement when the statements before it are unchanged; otherwise RefusedError says
/// what to check. Throws UsageError for a bad reference or step count.
std::vector<Step> plan_migrate(const Catalog& catalog, const MigrateRequest& request);
/// The steps an undo takes, newest first. Throws UsageError for a bad reference, a unit that
/// is not applied or a bad step count, PlanError — before anything runs — when a unit to
/// revert has no down section or its file is gone, and RefusedError for a unit that failed
/// part-way.
std::vector<Step> plan_undo(const Catalog& catalog, const UndoRequest& request);

}  // namespace forge::core
