#include "core/runner.hpp"

#include <algorithm>
#include <optional>

#include "core/errors.hpp"
#include "core/history_rows.hpp"
#include "core/integrity.hpp"
#include "core/resume.hpp"
#include "core/statement_kind.hpp"
#include "core/tracked_run.hpp"
#include "core/unit_ref.hpp"
#include "util/logging.hpp"
#include "util/shutdown.hpp"
#include "util/utc_clock.hpp"

namespace forge::core {

void Reporter::warning(const std::string& text) { util::log_warn("{}", text); }

namespace {

using Clock = std::chrono::steady_clock;

const Section& section_for(const Step& step) {
  return step.direction == Direction::up ? step.entry->unit->up : *step.entry->unit->down;
}

// What the runner must know of a section before it runs it, found in one pass over its
// statements (a large unit's are read from its file for it, and again as they run).
struct SectionFacts {
  std::string why_unavailable;
  bool own_transaction = false;       ///< it has its own BEGIN/COMMIT
  std::optional<Statement> refusing;  ///< first statement refusing a transaction block
  bool only_data = true;  ///< every statement may share a transaction with the history row
};

SectionFacts facts_of(const Connection& connection, const Section& section) {
  SectionFacts facts;
  const Dialect dialect = connection.dialect();
  const bool transactional_ddl = connection.capabilities().transactional_ddl;
  section.statements.visit_kinds([&](const Statement& statement) {
    if (statement.late && facts.why_unavailable.empty()) {
      facts.why_unavailable = statement.late->unavailable();
      if (!facts.why_unavailable.empty()) facts.why_unavailable.insert(0, statement.file + ": ");
    }
    if (is_transaction_control(statement)) facts.own_transaction = true;
    if (transactional_ddl && !facts.refusing && refuses_transaction(statement, dialect)) {
      facts.refusing = statement;
    }
    if (!transactional_ddl && facts.only_data) {
      facts.only_data = !statement.late && connection.joins_transaction(statement);
    }
    return true;
  });
  return facts;
}

// A unit runs inside forge's transaction unless it opts out, manages its own, or the database
// cannot roll DDL back anyway.
// Where DDL commits on its own (MySQL), a unit of data statements only still runs in one
// transaction with its row.
bool wants_transaction(const Connection& connection, const Section& section,
                       const SectionFacts& facts, const std::string& unit) {
  if (!section.in_transaction) return false;
  if (!connection.capabilities().transactional_ddl) return facts.only_data;
  if (facts.own_transaction) {
    util::log_info(
        "{} has its own BEGIN/COMMIT: running it as written, outside forge's transaction", unit);
    return false;
  }
  if (facts.refusing) {
    util::log_info("{}:{}: this statement cannot run inside a transaction; running {} without one",
                   facts.refusing->file, facts.refusing->line, unit);
    return false;
  }
  return true;
}

class StepRunner {
 public:
  StepRunner(Connection& connection, Reporter& reporter, const RunSettings& settings)
      : m_connection(connection), m_reporter(reporter), m_settings(settings) {}

  void run(const Step& step, const SectionFacts& facts) {
    const Section& section = section_for(step);
    stop_if_asked(step, "it was not started");
    m_reporter.step_started(*step.entry, step.direction);
    if (step.resume_from > 0 && is_program(section)) {
      util::log_info("{}: resuming at the statement {} it sends ({} took effect on an earlier run)",
                     step.entry->name, step.resume_from + 1,
                     statements_text(static_cast<int>(step.resume_from)));
    } else if (step.resume_from > 0) {
      util::log_info("{}: resuming at statement {} ({} took effect on an earlier run)",
                     step.entry->name, step.resume_from + 1,
                     describe_done(section, step.resume_from));
    }
    const auto started = Clock::now();
    m_running_file.clear();
    try {
      if (wants_transaction(m_connection, section, facts, step.entry->name)) {
        run_in_transaction(step, section, started);
      } else {
        run_tracked(step);
      }
    } catch (const NotWritableError&) {
      throw;  // the server is there: it refuses writes, and says why
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
    if (!m_running_file.empty())
      where += " at " + m_running_file + ":" + std::to_string(m_running_line);
    return ConnectionError(std::string(error.what()) + " (while " +
                               (step.direction == Direction::up ? "applying " : "reverting ") +
                               where + ")",
                           "Once the server is back, run the command again: the history table "
                           "says what took effect, and forge carries on from there.");
  }

  void run_in_transaction(const Step& step, const Section& section, Clock::time_point started) {
    try {
      auto transaction = m_connection.begin();
      std::size_t index = 0;
      section.statements.visit([&](const Statement& statement) {
        if (index++ < step.resume_from) return true;
        stop_if_asked(step, "it was rolled back");
        execute(statement);
        return true;
      });
      write_history(step, section, Clock::now() - started);
      transaction->commit();
    } catch (const StatementError& error) {
      stop_if_asked(step, "it was rolled back");
      throw error.with_unit(step.entry->name);  // rolled back: nothing took effect
    }
  }

  // A signal that asked the run to stop ends it here, saying what became of the unit.
  void stop_if_asked(const Step& step, const std::string& outcome) const {
    const int signal = util::stop_signal();
    if (signal == 0) return;
    throw InterruptedError(
        signal,
        std::string(" while ") + (step.direction == Direction::up ? "applying " : "reverting ") +
            step.entry->name + ": " + outcome + "; the migration lock is released",
        "Run the command again to carry on.");
  }

  void run_tracked(const Step& step) {
    const TrackedRunSettings settings{m_settings.history_table, m_settings.lock_wait};
    TrackedRun(
        m_connection, step, settings, [this](const Statement& s) { execute(s); },
        [this](const Statement& s) { return fetch_now(s); })
        .run();
  }

  void execute(const Statement& statement) {
    if (!statement.late) return execute_now(statement);
    statement.late->drive(m_connection, statement,
                          [this](const Statement& written) { return fetch_now(written); });
  }

  void execute_now(const Statement& statement) {
    about_to_run(statement);
    m_connection.execute(statement);
  }

  ResultRows fetch_now(const Statement& statement) {
    about_to_run(statement);
    return m_connection.fetch(statement);
  }

  void about_to_run(const Statement& statement) {
    util::log_debug("[SQL] {}", statement.text);
    m_running_file = statement.file;
    m_running_line = statement.line;
    m_reporter.statement_started(statement);
  }

  void write_history(const Step& step, const Section& section, Clock::duration elapsed) {
    if (step.direction == Direction::down) {
      m_connection.erase(m_settings.history_table, step.entry->stored_name());
    } else {
      m_connection.record(m_settings.history_table,
                          RowFactory(*step.entry, section, "").applied(elapsed));
    }
  }

  Connection& m_connection;
  Reporter& m_reporter;
  const RunSettings& m_settings;
  std::string m_running_file;  ///< where the statement last started was written
  int m_running_line = 0;
};

// What each step's section is, found before the first step starts: a plan with a step that
// cannot run on this machine (a JavaScript unit without Node), or a unit that cannot be split,
// is refused before anything runs.
std::vector<SectionFacts> require_runnable(const Connection& connection,
                                           const std::vector<Step>& steps) {
  std::vector<SectionFacts> facts;
  facts.reserve(steps.size());
  for (const auto& step : steps) {
    facts.push_back(facts_of(connection, section_for(step)));
    if (!facts.back().why_unavailable.empty()) throw UsageError(facts.back().why_unavailable, "");
  }
  return facts;
}

// What a --dry-run tells of a statement written only when it runs: a program that can be
// driven without writing (a JavaScript unit) lists each statement it would send, and gets the
// rows of the reads, run for real; other late SQL is told as its description.
void preview_statement(Connection& connection, Reporter& reporter, const Statement& statement) {
  if (!statement.late || !statement.late->previewable()) {
    reporter.statement_started(statement);
    return;
  }
  statement.late->drive(connection, statement, [&](const Statement& written) {
    reporter.statement_started(written);
    if (!only_reads(written)) return ResultRows{};
    try {
      return connection.fetch(written);
    } catch (const StatementError&) {
      return ResultRows{};  // a table the previewed writes would have made
    }
  });
}

// The shared start of every change: take the lock, bring the history table up to date, and
// read it only then (another forge may have just applied units); `work` gets the catalog.
template <typename Work>
auto with_locked_catalog(Connection& connection, const std::vector<Unit>& units,
                         const RunSettings& settings, Work work) {
  auto lock = connection.lock(settings.lock_wait);
  // From here a SIGINT/SIGTERM stops the run cleanly (the lock is released on the way out).
  const util::GracefulStop graceful(connection.canceller());
  try {
    connection.ensure_history(settings.history_table);
    const std::vector<HistoryRow> history = connection.read_history(settings.history_table);
    const Catalog catalog(units, history);
    return work(catalog);
  } catch (const InterruptedError&) {
    throw;
  } catch (const Error& error) {
    const int signal = util::stop_signal();
    if (signal == 0) throw;
    // The cancel met forge's own SQL (the history table, a COMMIT): the table says the rest.
    throw InterruptedError(
        signal, " (" + std::string(error.what()) + "); the history table says what took effect",
        "Run the command again to carry on.");
  }
}

// `plan` maps the catalog to the steps to take.
template <typename Plan>
std::size_t run_locked(Connection& connection, const std::vector<Unit>& units, Reporter& reporter,
                       const RunSettings& settings, Direction direction, Plan plan) {
  return with_locked_catalog(connection, units, settings, [&](const Catalog& catalog) {
    const std::vector<Step> steps = plan(catalog);
    const std::vector<SectionFacts> facts = require_runnable(connection, steps);
    if (steps.empty()) reporter.nothing_to_do(direction);
    StepRunner runner(connection, reporter, settings);
    for (std::size_t i = 0; i < steps.size(); ++i) runner.run(steps[i], facts[i]);
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
  require_runnable(connection, steps);
  if (steps.empty()) reporter.nothing_to_do(direction);
  for (const auto& step : steps) {
    reporter.step_started(*step.entry, direction);
    std::size_t index = 0;
    section_for(step).statements.visit([&](const Statement& statement) {
      if (index++ >= step.resume_from) preview_statement(connection, reporter, statement);
      return true;
    });
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
  return run_locked(connection, units, reporter, settings, Direction::up,
                    [&](const Catalog& catalog) {
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

namespace {

// Resolve acts under the lock, but never waits for it: a live forge is running, and what it
// writes would make the person's settlement wrong. --force goes ahead without the lock.
std::unique_ptr<MigrationLock> lock_for_resolve(Connection& connection, bool force) {
  try {
    return connection.lock(std::chrono::milliseconds(0));
  } catch (const LockTimeout&) {
    const auto holder = connection.lock_holder();
    const std::string who = holder ? " (" + *holder + ")" : "";
    if (!force) {
      throw RefusedError("another forge is running on this database" + who +
                             "; settling a unit now could undo what it records",
                         "Wait for it to finish and check db:migrate:status again; pass --force "
                         "only if that forge is stuck and you have ended it.");
    }
    util::log_warn("another forge holds the migration lock{}; --force: going on without it", who);
    return nullptr;
  }
}

void refuse_rolling_back_applied(const Entry& entry) {
  throw RefusedError(entry.name + " is applied: it ran to the end" +
                         (entry.row->applied_at.empty() ? "" : " at " + entry.row->applied_at) +
                         ", and --rolled-back would make the next db:migrate run it again",
                     "To revert it, run 'forge db:migrate:undo --name " + entry.name +
                         "'; pass --force only if you reverted it by hand.");
}

// --statement k --took-effect / --not-run: what a person found about the statement an
// interrupted run left in flight (or the one a failed run stopped at).
HistoryRow settled_statement(const Entry& entry, const ResolveRequest& request) {
  const bool in_flight = entry.row->in_flight != 0;
  if (!in_flight && entry.row->statements_done < 0) {
    throw UsageError(entry.name +
                         ": its history row holds no count of the statements that took "
                         "effect, so no statement's outcome can be settled alone",
                     "Check the database by hand, then pass --applied or --rolled-back.");
  }
  const std::size_t expected = in_flight ? static_cast<std::size_t>(entry.row->in_flight)
                                         : static_cast<std::size_t>(entry.row->statements_done) + 1;
  if (request.statement != expected || !entry.has_file()) {
    throw UsageError(entry.name + ": statement " + std::to_string(request.statement) +
                         " is not the one whose outcome is open (that is statement " +
                         std::to_string(expected) + ")",
                     "Pass --statement " + std::to_string(expected) + ".");
  }
  const std::size_t done =
      request.resolution == Resolution::statement_took_effect ? expected : expected - 1;
  if (is_program(entry.unit->up)) {  // the statements it sent are known from the row only
    HistoryRow row = RowFactory(entry, entry.unit->up, "").progress(done, 0, {});
    // The row holds the statement in flight as its last: the ones before it are kept too.
    row.statement_hashes = first_hashes(entry.row->statement_hashes, done).value_or("");
    return row;
  }
  return RowFactory(entry, entry.unit->up, "").running(done, 0, {});
}

}  // namespace

std::string run_resolve(Connection& connection, const std::vector<Unit>& units,
                        const ResolveRequest& request, const RunSettings& settings) {
  const auto lock = lock_for_resolve(connection, request.force);
  connection.ensure_history(settings.history_table);
  const std::vector<HistoryRow> history = connection.read_history(settings.history_table);
  const Catalog catalog(units, history);
  const Entry& entry = resolve_unit_ref(catalog, request.reference);
  switch (request.resolution) {
    case Resolution::rolled_back:
      if (entry.is_applied() && !request.force) refuse_rolling_back_applied(entry);
      connection.erase(settings.history_table, entry.stored_name());
      break;
    case Resolution::accept_checksum: {
      if (!entry.is_applied() || !entry.has_file()) {
        throw UsageError(
            entry.name + " is not an applied unit with a file",
            "--accept-checksum records a changed file's checksum for an applied unit.");
      }
      HistoryRow row = *entry.row;
      row.checksum = entry.unit->checksum.value();
      connection.record(settings.history_table, row);
      break;
    }
    case Resolution::statement_took_effect:
    case Resolution::statement_not_run:
      if (!entry.is_failed()) {
        throw UsageError(entry.name + " did not stop part-way",
                         "--statement settles a unit that db:migrate:status shows as failed or "
                         "interrupted.");
      }
      connection.record(settings.history_table, settled_statement(entry, request));
      break;
    case Resolution::applied:
      connection.record(settings.history_table, settled_row(entry));
      break;
  }
  return entry.name;
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
      connection.record(settings.history_table, settled_row(entry));
      marked.push_back(entry.name);
    }
    return marked;
  });
}

}  // namespace forge::core
