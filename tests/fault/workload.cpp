#include "workload.hpp"

#include <stdexcept>

namespace forge::fault {

namespace {

// Builds the units statement by statement, remembering each side effect it writes.
class WorkloadBuilder {
 public:
  explicit WorkloadBuilder(std::string dialect) : m_dialect(std::move(dialect)) {}

  void unit(const std::string& name, const std::string& down) {
    finish_unit();
    m_name = name;
    m_down = down;
    m_step = 0;
  }
  void statement(const std::string& sql) { m_up += sql + "\n"; }
  /// An INSERT of the next (unit, step) into `effects`.
  void effect() { statement("INSERT INTO effects (unit, step) VALUES " + next_effect() + ";"); }
  /// The same, through a statement that takes about 0.3 s.
  void slow_effect() { statement(slow_insert(next_effect())); }
  /// An UPDATE that adds 1 to account `id`'s balance: the balance counts how often it ran.
  void increment(int id) {
    const std::string where = " WHERE id = " + std::to_string(id);
    statement("UPDATE accounts SET balance = balance + 1" + where + ";");
    m_workload.effects.push_back({"balance of account " + std::to_string(id),
                                  "SELECT balance FROM accounts" + where, false});
  }
  const std::string& dialect() const { return m_dialect; }

  Workload finish() {
    finish_unit();
    return std::move(m_workload);
  }

 private:
  std::string next_effect() {
    const std::string unit = "u" + std::to_string(m_workload.units.size() + 1);
    const std::string step = std::to_string(++m_step);
    m_workload.effects.push_back(
        {"effects (" + unit + ", " + step + ")",
         "SELECT COUNT(*) FROM effects WHERE unit = '" + unit + "' AND step = " + step});
    return "('" + unit + "', " + step + ")";
  }

  // The row comes out of a SELECT that keeps the server busy, so a fault often lands inside it.
  // SQLite has no sleep function: counting to 1.5 million takes it about 0.3 s.
  std::string slow_insert(const std::string& row) const {
    const std::string values = row.substr(1, row.size() - 2);
    const std::string insert = "INSERT INTO effects (unit, step) SELECT " + values + " FROM ";
    if (m_dialect == "postgres") return insert + "pg_sleep(0.3);";
    if (m_dialect == "mysql") return insert + "(SELECT SLEEP(0.3) AS z) AS s;";
    return insert +
           "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1500000) "
           "SELECT count(*) FROM c);";
  }

  void finish_unit() {
    if (m_name.empty()) return;
    m_workload.units.push_back({m_name, "-- forge:up\n" + m_up + "\n-- forge:down\n" + m_down});
    m_up.clear();
    m_name.clear();
  }

  std::string m_dialect;
  Workload m_workload;
  std::string m_name, m_up, m_down;
  int m_step = 0;
};

// A change of column type, in each dialect's words (SQLite cannot: it gets a view instead).
std::string widen_amount(const std::string& dialect) {
  if (dialect == "postgres") return "ALTER TABLE orders ALTER COLUMN amount TYPE BIGINT;";
  if (dialect == "mysql") return "ALTER TABLE orders MODIFY amount BIGINT;";
  return "CREATE VIEW order_totals AS SELECT account_id, sum(amount) AS total FROM orders "
         "GROUP BY account_id;";
}

void accounts_unit(WorkloadBuilder& b) {
  b.unit("20240101000001-accounts", "DROP TABLE accounts;\nDROP TABLE effects;\n");
  b.statement("CREATE TABLE effects (unit VARCHAR(10) NOT NULL, step INTEGER NOT NULL);");
  b.statement(
      "CREATE TABLE accounts (id INTEGER PRIMARY KEY, nickname VARCHAR(40), "
      "balance INTEGER NOT NULL DEFAULT 0);");
  b.effect();
  b.statement("INSERT INTO accounts (id, nickname) VALUES (1, 'ada'), (2, 'bob');");
  b.effect();
}

void orders_unit(WorkloadBuilder& b) {
  b.unit("20240101000002-orders", "DROP TABLE orders;\n");
  b.statement(
      "CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, total "
      "INTEGER);");
  b.effect();
  b.statement("ALTER TABLE accounts ADD COLUMN email VARCHAR(80);");
  b.effect();
  b.slow_effect();
  b.statement("CREATE INDEX orders_account ON orders (account_id);");
  b.increment(1);
  b.effect();
}

void reshape_unit(WorkloadBuilder& b) {
  b.unit("20240101000003-reshape", "DROP TABLE audit;\n");
  b.statement("ALTER TABLE orders RENAME COLUMN total TO amount;");
  b.effect();
  b.slow_effect();
  b.statement("ALTER TABLE accounts DROP COLUMN nickname;");
  b.statement(widen_amount(b.dialect()));
  b.effect();
  b.increment(2);
  b.statement("CREATE TABLE audit (id INTEGER PRIMARY KEY, note VARCHAR(100));");
  b.effect();
}

void finish_unit(WorkloadBuilder& b) {
  b.unit("20240101000004-finish", "DROP INDEX effects_unit;\n");
  b.effect();
  b.statement("CREATE INDEX effects_unit ON effects (unit, step);");
  b.effect();
  b.slow_effect();
  b.statement("INSERT INTO orders (id, account_id, amount) VALUES (1, 1, 5);");
  b.effect();
}

}  // namespace

Workload workload_for(const std::string& dialect) {
  if (dialect != "sqlite" && dialect != "postgres" && dialect != "mysql") {
    throw std::invalid_argument("no workload for dialect " + dialect);
  }
  WorkloadBuilder builder(dialect);
  accounts_unit(builder);
  orders_unit(builder);
  reshape_unit(builder);
  finish_unit(builder);
  return builder.finish();
}

}  // namespace forge::fault
