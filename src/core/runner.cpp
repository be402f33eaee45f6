#include "core/runner.hpp"

#include "core/errors.hpp"
#include "core/integrity.hpp"
#include "core/resume.hpp"
#include "core/statement_kind.hpp"
#include "core/unit_ref.hpp"
#include "util/utc_clock.hpp"

#include <spdlog/spdlog.h>

namespace forge::core {

void Reporter::warning(const std::string& text) { spdlog::warn("{}", text); }

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
    if (step.resume_from > 0) {
      spdlog::info("{}: resuming at statement {} ({} took effect on an earlier run)",
                   step.entry->name, step.resume_from + 1, describe_done(section, step.resume_from));
    }
    const auto started = Clock::now();
    m_running_file.clear();
    try {
      if (wants_transaction(m_connection, section, step.entry->name)) {
        run_in_transaction(step, section, started);
      } else {
        run_statement_by_statement(step, section, started);
      }
    } catch (const ConnectionError& error) {
      throw lost_during(step, error);
    }
    m_reporter.step_finished(*step.entry, step.direction, Clock::now() - started);
  }

 private:
  // A connection lost mid-unit names the unit and the statement it was running, and says that
  // a rerun picks up from what the history records (rolled back, or a failed row's progress).
  ConnectionError lost_during(const Step& step, const ConnectionError& error) const {
    std::string where = step.entry->name;
    if (!m_running_file.empty()) where += " at " + m_running_file + ":" + std::to_string(m_running_line);
    return ConnectionError(std::string(error.what()) + " (while " +
                               (step.direction == Direction::up ? "applying " : "reverting ") +
                               where + ")",
                           "Once the server is back, run the command again: the history table "
                           "says what took effect, and forge carries on from there.");
  }

  void run_in_transaction(const Step& step, const Section& section, Clock::time_point started) {
    try {
      auto transaction = m_connection.begin();
      for (std::size_t i = step.resume_from; i < section.statements.size(); ++i) {
        execute(section.statements[i]);
      }
      write_history(step, Clock::now() - started);
      transaction->commit();
    } catch (const StatementError& error) {
      throw error.with_unit(step.entry->name);  // rolled back: nothing took effect
    }
  }

  // Without a transaction each statement commits as it runs. An up records how far it got
  // before each further statement (as golang-migrate marks the database dirty), so that a run
  // killed or cut off mid-unit leaves a failed row the next run resumes from; on a failing
  // statement it records that too, and says so.
  void run_statement_by_statement(const Step& step, const Section& section,
                                  Clock::time_point started) {
    std::size_t done = step.resume_from;
    const bool tracked = step.direction == Direction::up;
    try {
      for (; done < section.statements.size(); ++done) {
        if (tracked && done > step.resume_from) {
          m_connection.record(m_settings.history_table,
                              failed_row(step, section, done, Clock::now() - started));
        }
        execute(section.statements[done]);
      }
      write_history(step, Clock::now() - started);
    } catch (const StatementError& error) {
      if (done == 0) throw error.with_unit(step.entry->name);
      if (step.direction == Direction::up) record_failure(step, section, done, Clock::now() - started);
      throw error.with_unit(step.entry->name, aftermath(step, section, done));
    }
  }

  static std::string aftermath(const Step& step, const Section& section, std::size_t done) {
    std::string text = describe_done(section, done) + " of " + section.file +
                       " had already taken effect and stay";
    if (step.direction == Direction::up) {
      text += "; the unit is recorded as failed. Fix the failing statement and run db:migrate "
              "again to resume there, or settle it with db:migrate:resolve.";
    } else {
      text += "; the unit is still recorded as applied.";
    }
    return text;
  }

  // The row of a unit whose first `done` statements took effect.
  HistoryRow failed_row(const Step& step, const Section& section, std::size_t done,
                        Clock::duration elapsed) const {
    HistoryRow row = history_row(step, elapsed);
    row.state = RowState::failed;
    row.statements_done = static_cast<int>(done);
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < done; ++i) texts.push_back(section.statements[i].text);
    row.statement_hashes = hash_statements(texts);
    return row;
  }

  void record_failure(const Step& step, const Section& section, std::size_t done,
                      Clock::duration elapsed) {
    try {
      m_connection.record(m_settings.history_table, failed_row(step, section, done, elapsed));
    } catch (const Error& error) {
      spdlog::error("could not record {} as failed: {}", step.entry->name, error.what());
    }
  }

  void execute(const Statement& statement) {
    if (!statement.late) return execute_now(statement);
    for (std::string& text : statement.late->write(m_connection)) {
      execute_now(Statement{std::move(text), statement.file, statement.line, nullptr});
    }
  }

  void execute_now(const Statement& statement) {
    spdlog::debug("[SQL] {}", statement.text);
    m_running_file = statement.file;
    m_running_line = statement.line;
    m_reporter.statement_started(statement);
    m_connection.execute(statement);
  }

  HistoryRow history_row(const Step& step, Clock::duration elapsed) const {
    HistoryRow row;
    row.name = step.entry->stored_name();
    row.checksum = step.entry->unit->checksum;
    row.applied_at = util::iso8601_utc(std::chrono::system_clock::now());
    row.execution_ms = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count();
    return row;
  }

  void write_history(const Step& step, Clock::duration elapsed) {
    if (step.direction == Direction::down) {
      m_connection.erase(m_settings.history_table, step.entry->stored_name());
    } else {
      m_connection.record(m_settings.history_table, history_row(step, elapsed));
    }
  }

  Connection& m_connection;
  Reporter& m_reporter;
  const RunSettings& m_settings;
  std::string m_running_file;  ///< where the statement last started was written
  int m_running_line = 0;
};

// The shared start of every change: take the lock, bring the history table up to date, and
// read it only then (another forge may have just applied units); `work` gets the catalog.
template <typename Work>
auto with_locked_catalog(Connection& connection, const std::vector<Unit>& units,
                         const RunSettings& settings, Work work) {
  auto lock = connection.lock(settings.lock_wait);
  connection.ensure_history(settings.history_table);
  const std::vector<HistoryRow> history = connection.read_history(settings.history_table);
  const Catalog catalog(units, history);
  return work(catalog);
}

// `plan` maps the catalog to the steps to take.
template <typename Plan>
std::size_t run_locked(Connection& connection, const std::vector<Unit>& units, Reporter& reporter,
                       const RunSettings& settings, Direction direction, Plan plan) {
  return with_locked_catalog(connection, units, settings, [&](const Catalog& catalog) {
    const std::vector<Step> steps = plan(catalog);
    if (steps.empty()) reporter.nothing_to_do(direction);
    StepRunner runner(connection, reporter, settings);
    for (const auto& step : steps) runner.run(step);
    return steps.size();
  });
}

// Tells `reporter` what `plan` would run, running nothing.
template <typename Plan>
std::size_t preview(Connection& connection, const std::vector<Unit>& units, Reporter& reporter,
                    const RunSettings& settings, Direction direction, Plan plan) {
  // The catalog points into the rows: they must outlive it.
  const std::vector<HistoryRow> history = connection.read_history(settings.history_table);
  const Catalog catalog(units, history);
  const std::vector<Step> steps = plan(catalog);
  if (steps.empty()) reporter.nothing_to_do(direction);
  for (const auto& step : steps) {
    reporter.step_started(*step.entry, direction);
    const Section& section = section_for(step);
    for (std::size_t i = step.resume_from; i < section.statements.size(); ++i) {
      reporter.statement_started(section.statements[i]);
    }
    reporter.step_finished(*step.entry, direction, std::chrono::duration<double>::zero());
  }
  return steps.size();
}

// The plan of a migration, once the history agrees with the files well enough.
std::vector<Step> checked_migrate_plan(const Catalog& catalog, const MigrateRequest& request,
                                       Reporter& reporter, const RunSettings& settings) {
  enforce_before_migrate(inspect(catalog), settings.strict,
                         [&](const std::string& text) { reporter.warning(text); });
  return plan_migrate(catalog, request);
}

}  // namespace

std::size_t preview_migrate(Connection& connection, const std::vector<Unit>& units,
                            const MigrateRequest& request, Reporter& reporter,
                            const RunSettings& settings) {
  return preview(connection, units, reporter, settings, Direction::up, [&](const Catalog& catalog) {
    return checked_migrate_plan(catalog, request, reporter, settings);
  });
}

std::size_t preview_undo(Connection& connection, const std::vector<Unit>& units,
                         const UndoRequest& request, Reporter& reporter,
                         const RunSettings& settings) {
  return preview(connection, units, reporter, settings, Direction::down,
                 [&](const Catalog& catalog) { return plan_undo(catalog, request); });
}

std::size_t run_migrate(Connection& connection, const std::vector<Unit>& units,
                        const MigrateRequest& request, Reporter& reporter,
                        const RunSettings& settings) {
  return run_locked(connection, units, reporter, settings, Direction::up, [&](const Catalog& catalog) {
    return checked_migrate_plan(catalog, request, reporter, settings);
  });
}

std::size_t run_undo(Connection& connection, const std::vector<Unit>& units,
                     const UndoRequest& request, Reporter& reporter, const RunSettings& settings) {
  return run_locked(connection, units, reporter, settings, Direction::down,
                    [&](const Catalog& catalog) { return plan_undo(catalog, request); });
}

}  // namespace forge::core

namespace forge::core {

std::string run_resolve(Connection& connection, const std::vector<Unit>& units,
                        const std::string& reference, Resolution resolution,
                        const RunSettings& settings) {
  return with_locked_catalog(connection, units, settings, [&](const Catalog& catalog) {
    const Entry& entry = resolve_unit_ref(catalog, reference);
    if (resolution == Resolution::rolled_back) {
      connection.erase(settings.history_table, entry.stored_name());
      return entry.name;
    }
    if (resolution == Resolution::accept_checksum) {
      if (!entry.is_applied() || !entry.has_file()) {
        throw UsageError(entry.name + " is not an applied unit with a file",
                         "--accept-checksum records a changed file's checksum for an applied unit.");
      }
      HistoryRow row = *entry.row;
      row.checksum = entry.unit->checksum;
      connection.record(settings.history_table, row);
      return entry.name;
    }
    HistoryRow row;
    row.name = entry.stored_name();
    row.checksum = entry.has_file() ? entry.unit->checksum : entry.row->checksum;
    row.applied_at = util::iso8601_utc(std::chrono::system_clock::now());
    connection.record(settings.history_table, row);
    return entry.name;
  });
}

}  // namespace forge::core

namespace forge::core {

std::vector<std::string> run_baseline(Connection& connection, const std::vector<Unit>& units,
                                      const std::string& reference, const RunSettings& settings) {
  return with_locked_catalog(connection, units, settings, [&](const Catalog& catalog) {
    const std::size_t last = catalog.index_of(resolve_unit_ref(catalog, reference));
    std::vector<std::string> marked;
    for (std::size_t i = 0; i <= last; ++i) {
      const Entry& entry = catalog.entries()[i];
      if (!entry.is_pending()) continue;
      HistoryRow row;
      row.name = entry.name;
      row.checksum = entry.unit->checksum;
      row.applied_at = util::iso8601_utc(std::chrono::system_clock::now());
      connection.record(settings.history_table, row);
      marked.push_back(entry.name);
    }
    return marked;
  });
}

}  // namespace forge::core
