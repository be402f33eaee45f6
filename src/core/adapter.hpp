#pragma once
#include "core/dialect_kind.hpp"
#include "core/history.hpp"
#include "core/statement.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <vector>

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
  /// Starts a transaction on this session.
  virtual std::unique_ptr<Transaction> begin() = 0;
  /// Takes the migration lock, waiting up to `wait`; throws LockTimeout after that.
  virtual std::unique_ptr<MigrationLock> lock(std::chrono::milliseconds wait) = 0;
  /// Creates the history table `table` when it does not exist, and adds the columns a table
  /// written by an earlier forge lacks, keeping its rows. Call it while holding the lock.
  virtual void ensure_history(const std::string& table) = 0;
  /// Every row of `table`, in any order; empty when the table does not exist.
  virtual std::vector<HistoryRow> read_history(const std::string& table) = 0;
  /// Writes `row` to `table`, replacing any row with the same name, in the current transaction
  /// if one is open.
  virtual void record(const std::string& table, const HistoryRow& row) = 0;
  /// Removes the row named `name` from `table`, in the current transaction if one is open.
  virtual void erase(const std::string& table, const std::string& name) = 0;
};

}  // namespace forge::core
