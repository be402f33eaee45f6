#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace forge::core {

class Connection;
struct Statement;

/// What a statement returned, for a unit that reads data (a JavaScript migration's
/// `sequelize.query('SELECT ...')`): the columns' names, how each column's values read
/// (`n` a number, `b` a boolean, `s` text), and each row's values as text (nullopt: NULL).
struct ResultRows {
  std::vector<std::string> columns;
  std::string kinds;  ///< one letter per column
  std::vector<std::vector<std::optional<std::string>>> rows;
};

/// Runs one statement the way the runner runs every statement of a unit (reported, counted,
/// with its file and line in errors) and returns its rows.
using StatementRunner = std::function<ResultRows(const Statement&)>;

/// SQL that can only be written when its turn comes, from the schema as the statements before
/// it left it (SQLite's table rebuild copies the table's current definition).
class LateSql {
 public:
  virtual ~LateSql() = default;
  /// The statements to run now, in order, without terminating `;`. Throws MigrationFileError
  /// when the schema does not allow the change (no such table or column).
  virtual std::vector<std::string> write(Connection& connection) const = 0;

  /// Runs the SQL through `run`, which returns each statement's rows. By default: each
  /// statement write() returns, with `origin`'s file and line. A program that decides its next
  /// statement from the last one's rows (a JavaScript migration) overrides this instead.
  virtual void drive(Connection& connection, const Statement& origin,
                     const StatementRunner& run) const;

  /// Whether a preview (--dry-run) can drive it with a `run` that executes only reads and
  /// lists the rest; false when its SQL depends on the writes before it (SQLite's rebuild).
  virtual bool previewable() const { return false; }

  /// Whether a run statement by statement may put it in one transaction with its history row;
  /// false for a program that must run outside any (one that builds an index concurrently).
  virtual bool joins_transaction() const { return true; }

  /// Whether it is a program that decides each statement from the rows of the ones before (a
  /// JavaScript migration). Run statement by statement, each statement it sends is tracked in
  /// the history row like a SQL unit's; a resumed run drives it again from the start and does
  /// not send again the statements that took effect, after checking they are the same.
  virtual bool is_program() const { return false; }

  /// Why it cannot run on this machine ("" when it can): the runner checks every step's
  /// statements before the first step starts, so nothing runs half a plan.
  virtual std::string unavailable() const { return ""; }
};

/// One SQL statement as written in a migration file (or rendered from a declarative operation).
struct Statement {
  std::string text;  ///< the statement, without its terminating delimiter
  std::string file;  ///< the file it came from, as shown to the user
  int line = 1;      ///< 1-based line in `file` where the statement starts
  /// Set for SQL written only when it runs: `text` then describes it (a `--` comment), and
  /// the runner runs what late->write() returns, each with this file and line.
  std::shared_ptr<const LateSql> late = nullptr;
};

}  // namespace forge::core
