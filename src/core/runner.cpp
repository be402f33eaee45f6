#include "core/runner.hpp"

#include "core/errors.hpp"
#include "core/statement_kind.hpp"
#include "util/utc_clock.hpp"

#include <spdlog/spdlog.h>

namespace forge::core {

namespace {

using Clock = std::chrono::steady_clock;

const Section& section_for(const Step& step) {
  return step.direction == Direction::up ? step.entry->unit->up : *step.entry->unit->down;
}

// A unit runs inside forge's transaction unless it opts out, manages its own, or the database
// cannot roll DDL back anyway.
bool wants_transaction(const Connection& connection, const Section& section,
                       const std::string& unit) {
  if (!section.in_transaction || !connection.capabilities().transactional_ddl) return false;
  if (manages_own_transaction(section.statements)) {
    spdlog::info("{} has its own BEGIN/COMMIT: running it as written, outside forge's transaction",
                 unit);
    return false;
  }
  if (const Statement* refusing = first_refusing_transaction(section.statements,
                                                             connection.dialect())) {
    spdlog::info("{}:{}: this statement cannot run inside a transaction; running {} without one",
                 refusing->file, refusing->line, unit);
    return false;
  }
  return true;
}

class StepRunner {
 public:
  StepRunner(Connection& connection, Reporter& reporter, const RunSettings& settings)
      : m_connection(connection), m_reporter(reporter), m_settings(settings) {}

  void run(const Step& step) {
    const Section& section = section_for(step);
    m_reporter.step_started(*step.entry, step.direction);
    const auto started = Clock::now();
    try {
      if (wants_transaction(m_connection, section, step.entry->name)) {
        auto transaction = m_connection.begin();
        execute_all(section);
        write_history(step, Clock::now() - started);
        transaction->commit();
      } else {
        execute_all(section);
        write_history(step, Clock::now() - started);
      }
    } catch (const StatementError& error) {
      throw error.with_unit(step.entry->name);
    }
    m_reporter.step_finished(*step.entry, step.direction, Clock::now() - started);
  }

 private:
  void execute_all(const Section& section) {
    for (const auto& statement : section.statements) {
      spdlog::debug("[SQL] {}", statement.text);
      m_connection.execute(statement);
    }
  }

  void write_history(const Step& step, Clock::duration elapsed) {
    if (step.direction == Direction::down) {
      m_connection.erase(m_settings.history_table, step.entry->name);
      return;
    }
    HistoryRow row;
    row.name = step.entry->name;
    row.checksum = step.entry->unit->checksum;
    row.applied_at = util::iso8601_utc(std::chrono::system_clock::now());
    row.execution_ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    m_connection.record(m_settings.history_table, row);
  }

  Connection& m_connection;
  Reporter& m_reporter;
  const RunSettings& m_settings;
};

// The shared procedure of every run: lock, history, plan, steps. `plan` maps the catalog to
// the steps to take.
template <typename Plan>
std::size_t run_locked(Connection& connection, const std::vector<Unit>& units, Reporter& reporter,
                       const RunSettings& settings, Direction direction, Plan plan) {
  auto lock = connection.lock(settings.lock_wait);
  connection.ensure_history(settings.history_table);
  // Read only after the lock is held: another forge may have just applied units.
  const std::vector<HistoryRow> history = connection.read_history(settings.history_table);
  const Catalog catalog(units, history);
  const std::vector<Step> steps = plan(catalog);
  if (steps.empty()) reporter.nothing_to_do(direction);
  StepRunner runner(connection, reporter, settings);
  for (const auto& step : steps) runner.run(step);
  return steps.size();
}

}  // namespace

std::size_t run_migrate(Connection& connection, const std::vector<Unit>& units,
                        const MigrateRequest& request, Reporter& reporter,
                        const RunSettings& settings) {
  return run_locked(connection, units, reporter, settings, Direction::up,
                    [&](const Catalog& catalog) { return plan_migrate(catalog, request); });
}

std::size_t run_undo(Connection& connection, const std::vector<Unit>& units,
                     const UndoRequest& request, Reporter& reporter, const RunSettings& settings) {
  return run_locked(connection, units, reporter, settings, Direction::down,
                    [&](const Catalog& catalog) { return plan_undo(catalog, request); });
}

}  // namespace forge::core
