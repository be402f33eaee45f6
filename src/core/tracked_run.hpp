#pragma once
#include <chrono>
#include <functional>
#include <string>

#include "core/adapter.hpp"
#include "core/history_rows.hpp"
#include "core/plan.hpp"

namespace forge {
class Error;
class InterruptedError;
class StatementError;
}  // namespace forge

namespace forge::core {

/// How a run uses the database; the part a tracked run needs.
struct TrackedRunSettings {
  std::string history_table;
  std::chrono::milliseconds session_wait{60000};  ///< for a dead run's statement to end
};

/// Applies the up section (or reverts with the down section) of a unit that does not run in one
/// transaction, statement by statement, so that its history row always says exactly what took
/// effect: a statement that can share a transaction with the history write does (both commit or
/// neither); any other is marked in flight before it is sent and done after it returns. A statement
/// an earlier run left in flight is settled first from the catalog (Connection::effect_of), never
/// guessed.
///
/// A section that is a program (a JavaScript migration) is tracked by the statements it sends:
/// each is stepped as a SQL unit's statement is. A resumed run drives the program again from the
/// start; each statement the row says took effect is checked against its recorded hash and not
/// sent again (reads and session settings are: the program needs the rows, the session is new),
/// and the one left in flight is settled from the catalog when the program sends it again.
class TrackedRun {
 public:
  using Execute = std::function<void(const Statement&)>;
  using Fetch = std::function<ResultRows(const Statement&)>;

  /// `execute` runs one of the section's statements (late SQL included); `fetch` runs one a
  /// program sends and returns its rows.
  TrackedRun(Connection& connection, const Step& step, const TrackedRunSettings& settings,
             Execute execute, Fetch fetch);

  /// Runs the statements from the step's resume point and records the unit applied (or, for a
  /// down, erases its row). Throws StatementError (what took effect is recorded and said),
  /// ConnectionError (the row says what is known), InterruptedError after a SIGINT/SIGTERM
  /// (progress recorded), RefusedError when an in-flight statement's outcome cannot be told,
  /// LockTimeout when its session outlives the wait.
  void run();

 private:
  void run_program();
  ResultRows program_step(const Statement& statement);
  void check_replayed(std::size_t i);
  ResultRows replay(std::size_t i);
  void run_one(std::size_t i);
  std::size_t settle_in_flight();
  std::size_t settle(std::size_t index);
  void wait_for_session_end();
  void replay_session_settings(std::size_t resume_at);
  void step(std::size_t i);
  void step_joined(std::size_t i);
  bool steps_alone(std::size_t i) const;
  void step_alone(std::size_t i);
  void step_in_user_transaction(std::size_t i);
  void send(std::size_t i);
  void write(std::size_t done, std::size_t in_flight);
  [[noreturn]] void fail(std::size_t i, const StatementError& error);
  [[noreturn]] void stop(std::size_t i, const std::string& why);
  InterruptedError interrupted_during(std::size_t i, const Error& error) const;
  void roll_back_user_transaction();
  void forget_progress();
  std::string where(std::size_t i) const;

  Connection& m_connection;
  const Step& m_step;
  const Statement* m_program_statement;  ///< the section's one statement, when it is a program
  Section m_program;                     ///< a program's section: the statements it has sent
  const Section& m_section;              ///< the section's statements, or m_program's
  const TrackedRunSettings& m_settings;
  Execute m_execute;
  Fetch m_fetch;
  bool m_program_open = false;  ///< a program runs: having done every statement is not the end
  ResultRows m_last_rows;       ///< what the program's last statement returned
  StatementHashes m_replayed;   ///< the statements it sent again so far
  RowFactory m_rows;
  std::chrono::steady_clock::time_point m_started;
  bool m_row_exists = false;  ///< the history has a row for the unit
  bool m_wrote = false;       ///< this run has written the row
  bool m_finished = false;    ///< the last write (applied row, or a down's erase) is done
  bool m_in_user_transaction = false;
  std::size_t m_user_transaction_start = 0;  ///< index of the file's own BEGIN
};

}  // namespace forge::core
