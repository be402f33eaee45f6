#pragma once
#include <csignal>
#include <stdexcept>
#include <string>

namespace forge {

/// The process exit statuses forge documents (README, "Exit codes").
enum class ExitCode : int {
  ok = 0,
  unit_failed = 1,    ///< a migration unit's statement failed
  differ = 1,         ///< `db:schema:diff --exit-code` or `db:migrate:verify` found differences
  usage = 2,          ///< bad flags, configuration or migration files
  connection = 3,     ///< the database cannot be reached or opened
  lock_timeout = 4,   ///< another forge held the migration lock for too long
  refused = 5,        ///< the database's state needs a person first (a unit failed part-way)
  pending = 6,        ///< `status --fail-on-pending` found units not yet applied
  output = 7,         ///< forge's output could not be written (full disk, closed pipe)
  interrupted = 128,  ///< stopped by a signal: 128 + its number (130 SIGINT, 143 SIGTERM)
};

/// Base of every error forge reports to the user. `what()` says what went wrong,
/// `hint()` what to do next; both are printed through redaction by the CLI.
class Error : public std::runtime_error {
 public:
  Error(const std::string& message, std::string hint);
  /// The exit status this error maps to.
  virtual ExitCode exit_code() const noexcept = 0;
  /// What the user can do about it; may be empty.
  const std::string& hint() const noexcept { return m_hint; }

 private:
  std::string m_hint;
};

/// Bad command-line use: unknown unit reference, invalid name, conflicting flags.
class UsageError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::usage; }
};

/// Bad configuration: unreadable config file, unset variable, unsupported URL.
class ConfigError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::usage; }
};

/// A migration file that cannot be loaded; `what()` starts with `file:line:` (or
/// `file:line:column:` when the column is known; a part that is 0 is left out).
class MigrationFileError : public Error {
 public:
  MigrationFileError(const std::string& file, int line, const std::string& problem,
                     std::string hint = {});
  /// The same, with a 1-based column (declarative units know where each value was written).
  MigrationFileError(const std::string& file, int line, int column, const std::string& problem,
                     std::string hint = {});
  ExitCode exit_code() const noexcept override { return ExitCode::usage; }
  const std::string& file() const noexcept { return m_file; }
  /// 1-based; 0 when the problem is the file as a whole.
  int line() const noexcept { return m_line; }
  /// 1-based; 0 when unknown.
  int column() const noexcept { return m_column; }

 private:
  std::string m_file;
  int m_line = 0;
  int m_column = 0;
};

/// The plan cannot be carried out (a unit with no down, an applied unit whose file is gone).
class PlanError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::usage; }
};

/// forge will not go on until someone settles the database's state (a unit that failed
/// part-way and cannot be resumed safely).
class RefusedError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::refused; }
};

/// `db:migrate:status --fail-on-pending` found pending units: a CI gate, not a failure of forge.
/// Two schemas that should be the same are not (drift, or a down that does not undo its up).
class DriftError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::differ; }
};

/// `forge lint` (or `db:migrate --lint`) found an error-level finding that is not ignored.
class LintError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::unit_failed; }
};

class PendingError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::pending; }
};

/// The database could not be opened or reached. The message never holds a password.
class ConnectionError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::connection; }
};

/// The database is a cluster node that cannot do the work now: it lost quorum, is not synced
/// yet, or another node's write won a certification conflict. Nothing in the unit is wrong; the
/// same command succeeds once the cluster is whole, so it is retried under --wait.
class ClusterUnavailableError : public ConnectionError {
 public:
  using ConnectionError::ConnectionError;
};

/// Why a database refuses every write, in a few words ("read-only file", "disk full"), and what
/// to check about it.
struct WriteRefusal {
  std::string reason;
  std::string hint;
};

/// The database cannot take writes: a read-only file, a read-only server or standby, a full
/// disk. Fixing the statement cannot help, so it maps to the exit status of a database that
/// cannot be used. Adapters throw it with the server's message and code and the statement's
/// file and line (empty and 0 for forge's own SQL).
class NotWritableError : public ConnectionError {
 public:
  NotWritableError(WriteRefusal why, std::string server_message, std::string server_code,
                   std::string file, int line);
  const std::string& reason() const noexcept { return m_reason; }
  const std::string& server_message() const noexcept { return m_server_message; }
  const std::string& server_code() const noexcept { return m_server_code; }
  const std::string& file() const noexcept { return m_file; }
  int line() const noexcept { return m_line; }

 private:
  std::string m_reason, m_server_message, m_server_code, m_file;
  int m_line;
};

/// Another forge held the migration lock longer than the allowed wait.
class LockTimeout : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::lock_timeout; }
};

/// A statement was refused by the database. Adapters throw it with the server's message and
/// code and the statement's own file and line; the runner adds the unit's name.
class StatementError : public Error {
 public:
  StatementError(std::string server_message, std::string server_code, std::string file, int line,
                 std::string unit = {}, std::string aftermath = {});
  ExitCode exit_code() const noexcept override { return ExitCode::unit_failed; }
  const std::string& server_message() const noexcept { return m_server_message; }
  const std::string& server_code() const noexcept { return m_server_code; }
  const std::string& file() const noexcept { return m_file; }
  int line() const noexcept { return m_line; }
  const std::string& unit() const noexcept { return m_unit; }
  /// A copy that names the unit it belongs to and says what the failure left behind
  /// (statements that had already taken effect), when anything.
  StatementError with_unit(const std::string& unit, const std::string& aftermath = {}) const;

 private:
  std::string m_server_message, m_server_code, m_file;
  int m_line;
  std::string m_unit;
  std::string m_aftermath;
};

/// A SIGINT or SIGTERM stopped the run cleanly: what had taken effect is recorded, the lock is
/// released. Exits 128 + the signal's number, as a shell reports a process the signal ended.
class InterruptedError : public Error {
 public:
  /// "stopped by SIGTERM" followed by `circumstances` (" while applying ...").
  InterruptedError(int signal, const std::string& circumstances, std::string hint)
      : Error(
            std::string("stopped by ") + (signal == SIGINT ? "SIGINT" : "SIGTERM") + circumstances,
            std::move(hint)),
        m_signal(signal) {}
  ExitCode exit_code() const noexcept override {
    return static_cast<ExitCode>(static_cast<int>(ExitCode::interrupted) + m_signal);
  }

 private:
  int m_signal;
};

/// Databases of a fleet did not all succeed; the run exits with the worst of their statuses.
class FleetError : public Error {
 public:
  FleetError(const std::string& message, std::string hint, ExitCode worst)
      : Error(message, std::move(hint)), m_worst(worst) {}
  ExitCode exit_code() const noexcept override { return m_worst; }

 private:
  ExitCode m_worst;
};

/// The server refused to create or drop a whole database (db:create, db:drop): no privilege,
/// or the database is in use. The message holds the server's own.
class DatabaseCommandError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::unit_failed; }
};

}  // namespace forge
