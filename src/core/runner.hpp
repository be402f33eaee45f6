#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/catalog.hpp"
#include "core/plan.hpp"

namespace forge::core {

/// Told about each step as it runs, so the CLI can print progress.
class Reporter {
 public:
  virtual ~Reporter() = default;
  /// Before the first statement of a step.
  virtual void step_started(const Entry& entry, Direction direction) = 0;
  /// After a step's history change is committed.
  virtual void step_finished(const Entry& entry, Direction direction,
                             std::chrono::duration<double> elapsed) = 0;
  /// When a run had nothing to do.
  virtual void nothing_to_do(Direction direction) = 0;
  /// Before each statement runs (late SQL already written out), or is listed by a preview.
  virtual void statement_started(const Statement& statement) { (void)statement; }
  /// Something the person should know that does not stop the run (logged by default).
  virtual void warning(const std::string& text);
};

/// How a run uses the database.
struct RunSettings {
  std::string history_table = "ForgeMeta";
  std::chrono::milliseconds lock_wait{60000};
  bool strict = false;  ///< refuse missing files and out-of-order units instead of warning
};

/// Applies the pending units `request` selects: takes the lock, creates the history table when
/// missing, reads it, checks it against the files (integrity.hpp: refuses changed units),
/// plans, then runs each unit in its own transaction together with its history row. Returns how
/// many units were applied. Throws StatementError naming the unit, file and line when a statement
/// fails; units applied before it stay applied.
std::size_t run_migrate(Connection& connection, const std::vector<Unit>& units,
                        const MigrateRequest& request, Reporter& reporter,
                        const RunSettings& settings);

/// Reverts the applied units `request` selects, newest first, like run_migrate in reverse.
/// Refuses (PlanError) before changing anything when a unit cannot be undone.
std::size_t run_undo(Connection& connection, const std::vector<Unit>& units,
                     const UndoRequest& request, Reporter& reporter, const RunSettings& settings);

/// What run_migrate would do, changing nothing: reads the history table (no lock, and no table
/// is created), plans, and tells `reporter` of each step and each of its statements without
/// running them. Late SQL is told as its description. Returns how many units would run.
std::size_t preview_migrate(Connection& connection, const std::vector<Unit>& units,
                            const MigrateRequest& request, Reporter& reporter,
                            const RunSettings& settings);

/// What run_undo would do, as preview_migrate; refuses as run_undo does.
std::size_t preview_undo(Connection& connection, const std::vector<Unit>& units,
                         const UndoRequest& request, Reporter& reporter,
                         const RunSettings& settings);

/// How a person settled a unit.
enum class Resolution {
  applied,          ///< it is fully in effect: record it as applied, with its file's checksum
  rolled_back,      ///< nothing of it is in effect: remove its row
  accept_checksum,  ///< its file changed on purpose: record the file's checksum, keep the rest
  statement_took_effect,  ///< the statement left open by an interrupted run took effect
  statement_not_run,      ///< ... did not take effect
};

/// What a person settles with `db:migrate:resolve`.
struct ResolveRequest {
  std::string reference;  ///< the unit
  Resolution resolution = Resolution::applied;
  std::size_t statement = 0;  ///< 1-based; for statement_took_effect / statement_not_run
  bool force = false;         ///< also while another forge holds the lock, or on an applied unit
};

/// Settles the unit `request` names without running any of its SQL, under the lock, which it
/// never waits for. Returns the unit's name. Throws RefusedError while another forge holds the
/// lock and for rolled_back on an applied unit (unless force); UsageError for a reference that
/// names no unit or several, accept_checksum on a unit that is not applied or has no file, and
/// a statement that is not the one left open.
std::string run_resolve(Connection& connection, const std::vector<Unit>& units,
                        const ResolveRequest& request, const RunSettings& settings);

/// Marks every pending unit up to and including the one `reference` names as applied,
/// running none of their SQL: for a database whose schema exists already. Returns their names,
/// oldest first. Throws UsageError for a reference that names no unit or several.
std::vector<std::string> run_baseline(Connection& connection, const std::vector<Unit>& units,
                                      const std::string& reference, const RunSettings& settings);

}  // namespace forge::core
