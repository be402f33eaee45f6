#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/history.hpp"
#include "core/history_store.hpp"
#include "core/statement.hpp"

namespace forge::core {

/// What the engine may rely on for a database.
struct Capabilities {
  bool transactional_ddl = true;  ///< DDL rolls back with its transaction
};

/// An open transaction. Destroying it without commit() rolls back; the destructor never throws.
class Transaction {
 public:
  virtual ~Transaction() = default;
  /// Makes the work permanent; throws StatementError when the database refuses.
  virtual void commit() = 0;
};

/// The database-wide migration lock. Destroying it releases the lock and never throws;
/// a process that dies releases it too.
class MigrationLock {
 public:
  virtual ~MigrationLock() = default;
};

/// Whether a statement that a session which is gone had sent took effect, as the catalog shows.
enum class Effect {
  took_effect,  ///< what it makes is there: it ran
  not_run,      ///< what it makes is not there: it did not run (or was rolled back)
  repeatable,   ///< running it again is harmless (IF NOT EXISTS, VACUUM, ...)
  unknown,      ///< the catalog cannot tell: a person must
};

/// One session with one database; not thread-safe. Every method may throw ConnectionError
/// when the session is lost.
class Connection {
 public:
  virtual ~Connection() = default;
  /// The dialect whose SQL this connection speaks.
  virtual Dialect dialect() const noexcept = 0;
  virtual Capabilities capabilities() const noexcept = 0;
  /// Runs one statement; throws StatementError carrying the statement's file and line.
  virtual void execute(const Statement& statement) = 0;
  /// Runs one statement as execute() does and returns the rows it produced (the last result
  /// set); a connection that cannot read rows back returns none.
  virtual ResultRows fetch(const Statement& statement) {
    execute(statement);
    return {};
  }
  /// Starts a transaction on this session.
  virtual std::unique_ptr<Transaction> begin() = 0;
  /// Takes the migration lock, waiting up to `wait`; throws LockTimeout after that.
  virtual std::unique_ptr<MigrationLock> lock(std::chrono::milliseconds wait) = 0;
  /// This dialect's history statements.
  virtual const HistorySql& history_sql() const = 0;
  /// Runs SQL forge wrote itself with `params` bound as text; every row of its result, each
  /// value as text ("" for NULL). Throws StatementError about `what` when the database refuses.
  virtual std::vector<std::vector<std::string>> query(const std::string& sql,
                                                      const std::vector<std::string>& params,
                                                      const std::string& what) = 0;

  // ---- the history table, through HistoryStore unless a test fakes it ----

  /// `table` as forge names it for the rest of this session: an unqualified name qualified with
  /// the schema it resolves to at its first use (HistorySql::schema_of), so that a unit that
  /// changes the session's search_path (PostgreSQL) or current database (MySQL USE) does not
  /// send forge's history writes to another table, or to none.
  std::string pinned_history_table(const std::string& table);
  /// The columns of each of the unqualified `tables` (none for one that does not exist), asked
  /// in one statement (HistorySql::describe), each table pinned as pinned_history_table() would.
  /// Empty when the dialect has no such statement.
  std::map<std::string, std::vector<std::string>> describe_history(
      const std::vector<std::string>& tables);
  /// The columns of history table `table` (as named) that its choice found a moment ago, kept
  /// for reads made at once (the session's first reads, cli/context.cpp), which then need not
  /// ask again; only until forget_history_columns(), which the opener calls right after them.
  void keep_history_columns(const std::string& table, std::vector<std::string> columns);
  /// Those columns when kept for `table`, else nullptr.
  const std::vector<std::string>* kept_history_columns(const std::string& table) const;
  void forget_history_columns() { m_kept_columns.reset(); }

  /// Creates the history table `table` when it does not exist, and adds the columns a table
  /// written by an earlier forge lacks, keeping its rows. Call it while holding the lock.
  virtual void ensure_history(const std::string& table) { HistoryStore(*this, table).ensure(); }
  /// Every row of `table`, in any order; empty when the table does not exist.
  virtual std::vector<HistoryRow> read_history(const std::string& table) {
    return HistoryStore(*this, table).read();
  }
  /// Writes `row` to `table`, replacing any row with the same name, in the current transaction
  /// if one is open.
  virtual void record(const std::string& table, const HistoryRow& row) {
    HistoryStore(*this, table).record(row);
  }
  /// Removes the row named `name` from `table`, in the current transaction if one is open.
  virtual void erase(const std::string& table, const std::string& name) {
    HistoryStore(*this, table).erase(name);
  }

  // ---- exactly once: what the runner needs to record progress that matches the effect ----

  /// Whether `statement` can run inside a transaction together with a history write, so that
  /// both commit or neither does (on MySQL only data statements can: DDL commits on its own).
  virtual bool joins_transaction(const Statement& statement) const;
  /// A tag for this session that a later run can hand to session_alive(); "" when the
  /// dialect has no such thing (SQLite: a statement dies with its process).
  virtual std::string session_tag() { return ""; }
  /// Whether the session `tag` names is still connected, and so may still be running the
  /// statement it was sent.
  virtual bool session_alive(const std::string& tag) {
    (void)tag;
    return false;
  }
  /// Whether `statement`, sent by a session that is gone, took effect, read from the catalog.
  virtual Effect effect_of(const Statement& statement);
  /// Who holds the migration lock now ("pid 12 ..."), without taking it; nullopt when free.
  virtual std::optional<std::string> lock_holder() { return std::nullopt; }
  /// A function that asks the server to stop the statement this session is running; safe to
  /// call from another thread while execute() runs; empty when the dialect cannot.
  virtual std::function<void()> canceller() { return {}; }

 private:
  std::map<std::string, std::string> m_pinned_tables;  // as named -> as written
  std::optional<std::pair<std::string, std::vector<std::string>>> m_kept_columns;
};

}  // namespace forge::core
