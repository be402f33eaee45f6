#include "core/tracked_run.hpp"

#include <thread>

#include "core/errors.hpp"
#include "core/history.hpp"
#include "core/resume.hpp"
#include "core/statement_kind.hpp"
#include "util/logging.hpp"
#include "util/shutdown.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t k_group_statements = 1000;
constexpr auto k_group_time = std::chrono::milliseconds(100);

std::string first_word(const Statement& statement) {
  const std::string_view text = util::trim(statement.text);
  std::size_t end = 0;
  while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
  return util::to_lower(text.substr(0, end));
}

bool opens_transaction(const Statement& statement) {
  const std::string word = first_word(statement);
  return word == "begin" || word == "start";
}

bool ends_with_commit(const Statement& statement) {
  const std::string word = first_word(statement);
  return word == "commit" || word == "end";
}

const Section& section_of(const Step& step) {
  return step.direction == Direction::up ? step.entry->unit->up : *step.entry->unit->down;
}

// "statement 3 (file:line)": statement `i` of the section, for messages.
std::string where(std::size_t i, const Statement& statement) {
  return "statement " + std::to_string(i + 1) + " (" + statement.file + ":" +
         std::to_string(statement.line) + ")";
}

// The statements of a section, counted by reading them: a large unit's are split from its file
// without being held, and a flaw in its SQL stops the run before any statement runs.
std::size_t count_of(const Section& section) {
  if (!section.statements.is_streamed()) return section.statements.size();
  std::size_t count = 0;
  section.statements.visit([&](const Statement&) {
    ++count;
    return true;
  });
  return count;
}

// A program's section before it runs: the section without its one statement.
Section without_statements(const Section& section) {
  Section copy = section;
  copy.statements = SectionStatements{};
  return copy;
}

}  // namespace

TrackedRun::TrackedRun(Connection& connection, const Step& step, const TrackedRunSettings& settings,
                       Execute execute, Fetch fetch)
    : m_connection(connection),
      m_step(step),
      m_program_statement(is_program(section_of(step)) ? &section_of(step).statements.front()
                                                       : nullptr),
      m_program(without_statements(section_of(step))),
      m_section(m_program_statement != nullptr ? m_program : section_of(step)),
      m_settings(settings),
      m_execute(std::move(execute)),
      m_fetch(std::move(fetch)),
      m_rows(*step.entry, m_section, connection.session_tag()),
      m_started(Clock::now()),
      m_row_exists(step.entry->row != nullptr) {}

// One pass through the statements: those before the resume point repeat their session
// settings (a resumed unit runs in a new session: a search_path, FOREIGN_KEY_CHECKS), the one
// an interrupted run left in flight is settled from the catalog, and the rest run.
void TrackedRun::run() {
  if (m_program_statement != nullptr) return run_program();
  m_count = count_of(m_section);
  const bool in_flight = m_step.in_flight != 0;
  if (in_flight) wait_for_session_end();
  const std::size_t resume_at = in_flight ? m_step.in_flight - 1 : m_step.resume_from;
  std::size_t i = 0;
  m_section.statements.visit([&](const Statement& statement) {
    const std::size_t index = i++;
    m_rows.take(statement);
    if (index < resume_at) {
      repeat_session_setting(index, statement);
    } else if (!in_flight || index != resume_at || settle(index, statement) == index) {
      run_one(index, statement);
    }
    return true;
  });
  close_group(m_count);
  if (!m_finished) write(m_count, 0);
}

void TrackedRun::run_one(std::size_t i, const Statement& statement) {
  if (util::stop_signal() != 0) {
    close_group(i);
    // Inside the file's own transaction, what it did since its BEGIN is rolled back.
    const std::size_t resume_at = m_in_user_transaction ? m_user_transaction_start : i;
    if (m_in_user_transaction) roll_back_user_transaction();
    stop(resume_at, "");
  }
  try {
    step(i, statement);
  } catch (const InterruptedError&) {
    throw;
  } catch (const NotWritableError& error) {
    // Refused at forge's own progress write before the statement: name the statement.
    throw NotWritableError(WriteRefusal{error.reason(), error.hint()}, error.server_message(),
                           error.server_code(), statement.file, statement.line);
  } catch (const Error& error) {
    if (util::stop_signal() == 0) throw;
    throw interrupted_during(i, statement, error);  // the cancel hit forge's own write
  }
}

std::size_t TrackedRun::statement_count() const {
  return m_program_statement != nullptr ? m_program.statements.size() : m_count;
}

// ---- a program's statements ----

void TrackedRun::run_program() {
  if (m_step.in_flight != 0) wait_for_session_end();
  m_program_open = true;
  m_program_statement->late->drive(m_connection, *m_program_statement,
                                   [this](const Statement& sent) { return program_step(sent); });
  m_program_open = false;
  const std::size_t recorded = std::max(m_step.resume_from, m_step.in_flight);
  if (m_program.statements.size() < recorded) {
    throw refuse_failed_unit(*m_step.entry,
                             "it now sends " + std::to_string(m_program.statements.size()) +
                                 " statements, fewer than the " + std::to_string(recorded) +
                                 " the earlier run recorded, so forge cannot tell what is left");
  }
  write(m_program.statements.size(), 0);
}

ResultRows TrackedRun::program_step(const Statement& statement) {
  const std::size_t i = m_program.statements.size();
  m_program.statements.push_back(statement);
  const Statement& sent = m_program.statements.back();
  m_rows.take(sent);
  if (i < std::max(m_step.resume_from, m_step.in_flight)) {
    check_replayed(i, sent);
    if (i < m_step.resume_from) return replay(i, sent);
    if (settle(i, sent) > i) return {};  // the statement in flight took effect: recorded as done
  }
  m_last_rows = {};
  run_one(i, sent);
  return std::move(m_last_rows);
}

// The earlier run's statement i must be the one the program sends now, or where to resume is
// unknown (a migration whose SQL depends on the time or on data it changed).
void TrackedRun::check_replayed(std::size_t i, const Statement& statement) {
  m_replayed.add(statement.text);
  // The row keeps a chain that can be checked at its last statements only: a difference
  // earlier shows there, and until then only reads and session settings are sent again.
  const auto recorded = first_hashes(m_step.entry->row->statement_hashes, i + 1);
  if (!recorded || m_replayed.matches(*recorded, i + 1)) return;
  throw refuse_failed_unit(*m_step.entry, where(i, statement) +
                                              " it sends now is not the one the earlier run " +
                                              "sent, so forge cannot tell where to resume");
}

// Statement i took effect on the earlier run: it is not sent again. A read is (the program
// needs its rows, and it changes nothing), and so is a session setting (the session is new).
ResultRows TrackedRun::replay(std::size_t i, const Statement& statement) {
  if (only_reads(statement) || is_session_setting(statement)) return m_fetch(statement);
  util::log_info("{}: {} took effect on an earlier run; not sending it again", m_step.entry->name,
                 where(i, statement));
  return {};
}

// A resumed unit runs in a new session: the settings its earlier statements made (a
// search_path, FOREIGN_KEY_CHECKS) are made again before it goes on.
void TrackedRun::repeat_session_setting(std::size_t i, const Statement& statement) {
  if (!is_session_setting(statement)) return;
  util::log_info("{}: repeating {} for the resumed run: {}", m_step.entry->name,
                 where(i, statement), util::trim(statement.text));
  m_execute(statement);
}

// ---- an earlier run's statement in flight ----

// Statement `index` was in flight when the earlier run died: the index to go on at.
std::size_t TrackedRun::settle(std::size_t index, const Statement& statement) {
  const std::string name = m_step.entry->name;
  switch (m_connection.effect_of(statement)) {
    case Effect::took_effect:
      util::log_info(
          "{}: {} of the interrupted run took effect (the catalog shows it); going on "
          "after it",
          name, where(index, statement));
      write(index + 1, 0);
      return index + 1;
    case Effect::not_run:
      util::log_info("{}: {} of the interrupted run did not take effect; running it now", name,
                     where(index, statement));
      return index;
    case Effect::repeatable:
      util::log_info("{}: {} of the interrupted run may have run; it is safe to repeat", name,
                     where(index, statement));
      return index;
    case Effect::unknown:
      break;
  }
  throw RefusedError(
      name + ": " + where(index, statement) +
          " was sent by a forge run that was interrupted, and the database's catalog cannot "
          "tell whether it took effect",
      "Check whether it took effect, then record what you found: 'forge db:migrate:resolve " +
          name + " --statement " + std::to_string(index + 1) +
          " --took-effect' (or '--not-run'), and run db:migrate again.");
}
void TrackedRun::wait_for_session_end() {
  const std::string& session = m_step.entry->row->session;
  if (session.empty() || !m_connection.session_alive(session)) return;
  util::log_info(
      "{}: waiting for the interrupted run's statement to end on the server (session {})",
      m_step.entry->name, session);
  const auto deadline = Clock::now() + m_settings.session_wait;
  while (m_connection.session_alive(session)) {
    if (Clock::now() >= deadline) {
      throw LockTimeout("the server still runs the statement an interrupted forge sent for " +
                            m_step.entry->name + " (session " + session + ")",
                        "Wait for it to end, or end that session on the server, then run "
                        "db:migrate again; raise --lock-timeout to wait longer.");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// ---- one statement ----

void TrackedRun::step(std::size_t i, const Statement& statement) {
  const bool alone = steps_alone(statement);
  const bool joined = !alone && !m_in_user_transaction && !is_transaction_control(statement);
  if (!joined) close_group(i);
  if (m_done_unwritten && !alone) write(i, 0);  // the statement before is done
  if (m_in_user_transaction) return step_in_user_transaction(i, statement);
  if (is_transaction_control(statement)) {
    try {
      send(statement);
    } catch (const StatementError& error) {
      fail(i, i, statement, error);
    }
    if (opens_transaction(statement)) {
      m_in_user_transaction = true;
      m_user_transaction_start = i;
    }
    return;
  }
  if (alone) return step_alone(i, statement);
  step_joined(i, statement);
}

// Whether `statement` cannot share a transaction with the row, outside a file's own BEGIN:
// it is marked in flight before it is sent (step_alone).
bool TrackedRun::steps_alone(const Statement& statement) const {
  if (m_in_user_transaction || is_transaction_control(statement)) return false;
  const bool late_alone = statement.late && !statement.late->joins_transaction();
  return late_alone || !m_connection.joins_transaction(statement);
}

// The statement and the row that records it commit together, or neither does. Where DDL
// commits on its own (MySQL), consecutive INSERTs of rows written out (quick, whatever the
// tables hold) share one transaction, up to k_group_statements of them or k_group_time: one
// commit and one row write for many, where the mysql client in autocommit pays a commit each
// (a 64 MB unit of INSERTs between DDL: 193 s -> 52 s, the client's time). Any other statement
// (an UPDATE, an INSERT ... SELECT, which may run long) commits alone, after what came before
// it: no statement holds back the commit of another's rows. A statement refused rolls back the
// whole group, so the row says the statements before the group took effect, and the rerun starts
// there. Elsewhere a section runs statement by statement because its author asked for no
// transaction (a new enum value must be committed before a later statement uses it): each statement
// commits alone.
void TrackedRun::step_joined(std::size_t i, const Statement& statement) {
  const bool batched = groups() && is_literal_insert(statement);
  if (!batched) close_group(i);  // a statement that may be slow commits alone
  if (!m_group) {
    m_group = m_connection.begin();
    m_group_start = i;
    m_group_opened = Clock::now();
  }
  try {
    send(statement);
  } catch (const StatementError& error) {
    m_group.reset();  // rolls the group back
    fail(m_group_start, i, statement, error);
  }
  const bool full = !batched || i + 1 - m_group_start >= k_group_statements ||
                    Clock::now() - m_group_opened >= k_group_time;
  if (full) close_group(i + 1);
}

bool TrackedRun::groups() const {
  return m_program_statement == nullptr && !m_connection.capabilities().transactional_ddl;
}

// The open group commits with the row that says `done` statements took effect.
void TrackedRun::close_group(std::size_t done) {
  if (!m_group) return;
  write(done, 0);
  const std::unique_ptr<Transaction> group = std::move(m_group);
  group->commit();
}

// Marked in flight before it is sent, done after it returns: a run that dies in between leaves
// the mark, and the next run asks the catalog. "Done" is written with the next statement's
// step: stepped alone too, one write says both (done with this one, the next in flight), and
// the row goes through the same states as with a write for each, less the brief one between
// those two writes. A signal still records "done" before the next statement (run_one), and the
// last write is the applied row. A program's next statement is not known yet: written now.
void TrackedRun::step_alone(std::size_t i, const Statement& statement) {
  write(i, i + 1);
  try {
    send(statement);
  } catch (const StatementError& error) {
    fail(i, i, statement,
         error);  // refused: it did not take effect (DDL is atomic on current servers)
  }
  if (m_program_statement != nullptr) {
    write(i + 1, 0);
  } else {
    m_done_unwritten = true;
  }
}

// Inside the file's own BEGIN ... COMMIT: the row joins that transaction just before its COMMIT.
// A database whose DDL commits on its own (MySQL) ends the transaction at a DDL statement: the
// in-flight mark is committed with what came before it.
void TrackedRun::step_in_user_transaction(std::size_t i, const Statement& statement) {
  const bool implicit_commit = !m_connection.capabilities().transactional_ddl &&
                               !is_transaction_control(statement) &&
                               !m_connection.joins_transaction(statement);
  if (ends_with_commit(statement)) write(i + 1, 0);
  if (implicit_commit) write(i, i + 1);
  try {
    send(statement);
  } catch (const StatementError& error) {
    roll_back_user_transaction();
    fail(m_user_transaction_start, i, statement, error);
  }
  if (ends_with_commit(statement) || implicit_commit || is_transaction_control(statement)) {
    m_in_user_transaction = false;
  }
  if (implicit_commit || (is_transaction_control(statement) && !ends_with_commit(statement))) {
    write(i + 1, 0);  // after a DDL, or a ROLLBACK
  }
}

void TrackedRun::roll_back_user_transaction() {
  try {
    m_connection.execute(Statement{"ROLLBACK", m_section.file, 0, nullptr});
  } catch (const StatementError&) {
    // No transaction was open any more: nothing to roll back.
  }
  m_in_user_transaction = false;
}

// A program's statement goes through fetch, its rows kept for the program.
void TrackedRun::send(const Statement& statement) {
  if (m_program_statement != nullptr) {
    m_last_rows = m_fetch(statement);
  } else {
    m_execute(statement);
  }
}

// ---- the row ----

// The row that says `done` statements took effect and `in_flight` was sent; once a down is
// done, no row.
void TrackedRun::write(std::size_t done, std::size_t in_flight) {
  const auto elapsed = Clock::now() - m_started;
  m_finished = !m_program_open && done == statement_count() && in_flight == 0;
  m_wrote = true;
  m_done_unwritten = false;
  if (m_step.direction == Direction::up) {
    m_connection.record(m_settings.history_table, m_finished
                                                      ? m_rows.applied(elapsed)
                                                      : m_rows.progress(done, in_flight, elapsed));
    m_row_exists = true;
  } else if (m_finished) {
    m_connection.erase(m_settings.history_table, m_step.entry->stored_name());
    m_row_exists = false;
  } else {
    m_connection.record(m_settings.history_table, m_rows.reverting(done, in_flight, elapsed));
  }
}
// Nothing of this run took effect: the row goes back to what it was (none, for an up).
void TrackedRun::forget_progress() {
  if (m_step.direction == Direction::up) {
    if (m_row_exists) m_connection.erase(m_settings.history_table, m_step.entry->stored_name());
  } else if (m_wrote && m_step.entry->row != nullptr) {  // the row as it was before this run
    m_connection.record(m_settings.history_table, *m_step.entry->row);
  }
}

// Statement `i` was refused, and statements 1..`done` (`i`, or where the file's transaction
// it was in started) stay: record that, and say so.
void TrackedRun::fail(std::size_t done, std::size_t i, const Statement& statement,
                      const StatementError& error) {
  if (util::stop_signal() != 0) {
    stop(done, " (" + where(i, statement) +
                   ", in flight, was cancelled: " + error.server_message() + ")");
  }
  if (done == 0) {
    forget_progress();
    throw error.with_unit(m_step.entry->name);
  }
  const bool up = m_step.direction == Direction::up;
  try {
    const auto elapsed = Clock::now() - m_started;
    m_connection.record(m_settings.history_table,
                        up ? m_rows.failed(done, elapsed) : m_rows.reverting(done, 0, elapsed));
  } catch (const Error& failure) {
    util::log_error("could not record how far {} got: {}", m_step.entry->name, failure.what());
  }
  throw error.with_unit(
      m_step.entry->name,
      describe_done(m_section, done) + " of " + m_section.file +
          " had already taken effect and stay; " +
          (up ? "the unit is recorded as failed. Fix the failing statement and run db:migrate "
                "again to resume there, or settle it with db:migrate:resolve."
              : "the unit is recorded as reverting. Fix the failing statement and run the undo "
                "again to resume there."));
}

// A signal's cancel ended forge's own work around statement `i` (a history write): the row says
// what took effect, as after a kill.
InterruptedError TrackedRun::interrupted_during(std::size_t i, const Statement& statement,
                                                const Error& error) const {
  const int signal = util::stop_signal();
  return InterruptedError(signal,
                          " at " + where(i, statement) + " of " + m_step.entry->name + " (" +
                              error.what() + "); the history table says what took effect",
                          "Run the same command again: it carries on from there.");
}

// A signal asked the run to stop before statement `i`: record that statements 1..i took
// effect, and end the run.
void TrackedRun::stop(std::size_t i, const std::string& why) {
  const int signal = util::stop_signal();
  try {
    if (i == 0) {
      forget_progress();
    } else {
      write(i, 0);
    }
  } catch (const Error& error) {  // the row still says what took effect, less precisely
    util::log_warn("could not record how far {} got: {}", m_step.entry->name, error.what());
  }
  const bool up = m_step.direction == Direction::up;
  const std::string outcome = i == 0
                                  ? "none of its statements took effect"
                                  : describe_done(m_section, i) + " took effect and are recorded";
  throw InterruptedError(signal,
                         why + (up ? " while applying " : " while reverting ") +
                             m_step.entry->name + ": " + outcome +
                             "; the migration lock is released",
                         std::string("Run ") + (up ? "db:migrate" : "the undo") +
                             " again: it carries on at statement " + std::to_string(i + 1) + ".");
}

}  // namespace forge::core
