#pragma once
#include <chrono>
#include <functional>
#include <memory>
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
///
/// The statements are gone through once, in order, never held: a large unit's are read from
/// its file as they run (issue 16), after one pass that counts them and so finds a flaw in its
/// SQL before any statement runs.
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
  void check_replayed(std::size_t i, const Statement& statement);
  ResultRows replay(std::size_t i, const Statement& statement);
  void run_one(std::size_t i, const Statement& statement);
  std::size_t settle(std::size_t index, const Statement& statement);
  void wait_for_session_end();
  void repeat_session_setting(std::size_t i, const Statement& statement);
  void step(std::size_t i, const Statement& statement);
  void step_joined(std::size_t i, const Statement& statement);
  void close_group(std::size_t done);
  bool groups() const;
  bool steps_alone(const Statement& statement) const;
  void step_alone(std::size_t i, const Statement& statement);
  void step_in_user_transaction(std::size_t i, const Statement& statement);
  void send(const Statement& statement);
  void write(std::size_t done, std::size_t in_flight);
  [[noreturn]] void fail(std::size_t done, std::size_t i, const Statement& statement,
                         const StatementError& error);
  [[noreturn]] void stop(std::size_t i, const std::string& why);
  InterruptedError interrupted_during(std::size_t i, const Statement& statement,
                                      const Error& error) const;
  void roll_back_user_transaction();
  void forget_progress();
  std::size_t statement_count() const;

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
  RowFactory m_rows;            ///< taken each statement as the run passes it
  std::size_t m_count = 0;      ///< the statements of a section that is no program
  std::chrono::steady_clock::time_point m_started;
  bool m_row_exists = false;  ///< the history has a row for the unit
  bool m_wrote = false;       ///< this run has written the row
  bool m_finished = false;    ///< the last write (applied row, or a down's erase) is done
  /// The statement before was stepped alone and is done; the row says so with the next write,
  /// which the next statement, stepped alone too, makes "done, and this one in flight".
  bool m_done_unwritten = false;
  bool m_in_user_transaction = false;
  std::size_t m_user_transaction_start = 0;  ///< index of the file's own BEGIN
  /// Statements that can share a transaction with the row share one with each other too, a
  /// few at a time (step_joined): the open one, the index of its first statement (the group
  /// holds the statements from there on) and since when.
  std::unique_ptr<Transaction> m_group;
  std::size_t m_group_start = 0;
  std::chrono::steady_clock::time_point m_group_opened;
};

}  // namespace forge::core
