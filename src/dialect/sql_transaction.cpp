#include "dialect/sql_transaction.hpp"

namespace forge::dialect {

SqlTransaction::SqlTransaction(Run run, const std::string& begin_sql) : m_run(std::move(run)) {
  m_run(begin_sql);
}

SqlTransaction::~SqlTransaction() {
  if (!m_open) return;
  try {
    m_run("ROLLBACK");
  } catch (...) {
    // A lost session rolls back on the server anyway.
  }
}

void SqlTransaction::commit() {
  m_open = false;  // a failed COMMIT must not be followed by a ROLLBACK attempt
  m_run("COMMIT");
}

}  // namespace forge::dialect
