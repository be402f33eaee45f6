#pragma once
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/adapter.hpp"
#include "core/errors.hpp"
#include "core/runner.hpp"

namespace forge::testing {

/// Every call the fakes see, in order, as short lines ("lock", "execute <sql>", ...).
using Log = std::vector<std::string>;

/// A plain fake session: it writes every call to a shared log, keeps the history in memory with
/// transactional semantics, and fails any statement whose text is `fail_on`.
class FakeConnection : public core::Connection {
 public:
  explicit FakeConnection(Log& log) : m_log(log) {}

  std::vector<core::HistoryRow> rows;  // the committed history table
  std::string fail_on;                 // statement text that fails
  std::string lose_connection_on;      // statement text during which the server goes away
  bool transactional_ddl = true;
  std::chrono::milliseconds lock_wait{-1};
  std::string joins_prefix = "INSERT";          // statements that share a transaction
  core::Effect effect = core::Effect::unknown;  // what effect_of() answers
  bool lock_held_elsewhere = false;             // lock() times out at once

  core::Dialect dialect() const noexcept override { return core::Dialect::sqlite; }
  core::Capabilities capabilities() const noexcept override { return {transactional_ddl}; }

  void execute(const core::Statement& statement) override {
    m_log.push_back("execute " + statement.text);
    if (statement.text == fail_on)
      throw StatementError("no such table: t", "1", statement.file, statement.line);
    if (statement.text == lose_connection_on)
      throw ConnectionError("lost the connection to fake", "Check that the server is up.");
  }

  std::unique_ptr<core::Transaction> begin() override {
    m_log.push_back("begin");
    m_staged = rows;
    m_in_transaction = true;
    return std::make_unique<FakeTransaction>(*this);
  }

  bool joins_transaction(const core::Statement& statement) const override {
    return core::Connection::joins_transaction(statement) ||
           statement.text.rfind(joins_prefix, 0) == 0;
  }

  core::Effect effect_of(const core::Statement& statement) override {
    m_log.push_back("effect_of " + statement.text);
    return effect;
  }

  std::optional<std::string> lock_holder() override {
    if (!lock_held_elsewhere) return std::nullopt;
    return std::string("pid 7 on elsewhere");
  }

  std::unique_ptr<core::MigrationLock> lock(std::chrono::milliseconds wait) override {
    if (lock_held_elsewhere) throw LockTimeout("another forge held the migration lock", "");
    m_log.push_back("lock");
    lock_wait = wait;
    return std::make_unique<FakeLock>(m_log);
  }

  const core::HistorySql& history_sql() const override {
    throw std::logic_error("the fake keeps its history in memory");
  }
  std::vector<std::vector<std::string>> query(const std::string& sql,
                                              const std::vector<std::string>&,
                                              const std::string&) override {
    m_log.push_back("query " + sql);
    return {};
  }

  void ensure_history(const std::string& table) override {
    m_log.push_back("ensure_history " + table);
  }

  std::vector<core::HistoryRow> read_history(const std::string& table) override {
    m_log.push_back("read_history " + table);
    return rows;
  }

  void record(const std::string& table, const core::HistoryRow& row) override {
    m_log.push_back("record " + table + " " + row.name);
    recorded.push_back(row);
    auto& target = m_in_transaction ? m_staged : rows;
    target.erase(std::remove_if(target.begin(), target.end(),
                                [&](const core::HistoryRow& old) { return old.name == row.name; }),
                 target.end());
    target.push_back(row);
  }

  void erase(const std::string& table, const std::string& name) override {
    m_log.push_back("erase " + table + " " + name);
    auto& target = m_in_transaction ? m_staged : rows;
    target.erase(std::remove_if(target.begin(), target.end(),
                                [&](const core::HistoryRow& row) { return row.name == name; }),
                 target.end());
  }

  std::vector<core::HistoryRow> recorded;  // every row passed to record(), committed or not

 private:
  class FakeTransaction : public core::Transaction {
   public:
    explicit FakeTransaction(FakeConnection& connection) : m_connection(connection) {}
    ~FakeTransaction() override {
      if (m_committed) return;
      m_connection.m_log.push_back("rollback");
      m_connection.m_in_transaction = false;
    }
    void commit() override {
      m_connection.m_log.push_back("commit");
      m_connection.rows = m_connection.m_staged;
      m_connection.m_in_transaction = false;
      m_committed = true;
    }

   private:
    FakeConnection& m_connection;
    bool m_committed = false;
  };

  class FakeLock : public core::MigrationLock {
   public:
    explicit FakeLock(Log& log) : m_log(log) {}
    ~FakeLock() override { m_log.push_back("unlock"); }

   private:
    Log& m_log;
  };

  Log& m_log;
  std::vector<core::HistoryRow> m_staged;
  bool m_in_transaction = false;
};

/// Late SQL that logs "write late" each time it is written and gives `texts`.
class FakeLateSql : public core::LateSql {
 public:
  FakeLateSql(Log& log, std::vector<std::string> texts) : m_log(log), m_texts(std::move(texts)) {}
  std::vector<std::string> write(core::Connection&) const override {
    m_log.push_back("write late");
    return m_texts;
  }

 private:
  Log& m_log;
  std::vector<std::string> m_texts;
};

/// A program (like a JavaScript migration) that sends `texts` one by one through the runner's
/// `run`, each at the origin's file and line.
class FakeProgram : public core::LateSql {
 public:
  explicit FakeProgram(std::vector<std::string> texts) : m_texts(std::move(texts)) {}
  std::vector<std::string> write(core::Connection&) const override { return {}; }
  void drive(core::Connection&, const core::Statement& origin,
             const core::StatementRunner& run) const override {
    for (const std::string& text : m_texts) {
      run(core::Statement{text, origin.file, origin.line, nullptr});
    }
  }
  bool is_program() const override { return true; }

 private:
  std::vector<std::string> m_texts;
};

/// Logs each step as "migrating <unit>" / "migrated <unit>" (or reverting/reverted); with
/// `log_statements`, each statement too, as "statement <file>:<line> <text>" (plus " (late)"
/// when the statement still carries late SQL).
class FakeReporter : public core::Reporter {
 public:
  explicit FakeReporter(Log& log, bool log_statements = false)
      : m_log(log), m_log_statements(log_statements) {}
  void step_started(const core::Entry& entry, core::Direction direction) override {
    m_log.push_back(std::string(direction == core::Direction::up ? "migrating " : "reverting ") +
                    entry.name);
  }
  void step_finished(const core::Entry& entry, core::Direction direction,
                     std::chrono::duration<double>) override {
    m_log.push_back(std::string(direction == core::Direction::up ? "migrated " : "reverted ") +
                    entry.name);
  }
  void nothing_to_do(core::Direction direction) override {
    m_log.push_back(std::string("nothing to do ") +
                    (direction == core::Direction::up ? "up" : "down"));
  }
  void statement_started(const core::Statement& statement) override {
    if (!m_log_statements) return;
    m_log.push_back("statement " + statement.file + ":" + std::to_string(statement.line) + " " +
                    statement.text + (statement.late ? " (late)" : ""));
  }

 private:
  Log& m_log;
  bool m_log_statements;
};

}  // namespace forge::testing
