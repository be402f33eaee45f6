#include "core/adapter.hpp"

#include "core/statement_kind.hpp"

namespace forge::core {

bool Connection::joins_transaction(const Statement& statement) const {
  return capabilities().transactional_ddl && !is_transaction_control(statement) &&
         !refuses_transaction(statement, dialect());
}

std::string Connection::pinned_history_table(const std::string& table) {
  if (auto found = m_pinned_tables.find(table); found != m_pinned_tables.end())
    return found->second;
  std::string pinned = table;
  const std::string sql = history_sql().schema_of(table);
  if (!sql.empty() && table.find('.') == std::string::npos) {
    const auto rows = query(sql, {}, "the schema of history table " + table);
    if (!rows.empty() && !rows.front().empty() && !rows.front().front().empty()) {
      pinned = rows.front().front() + "." + table;
    }
  }
  m_pinned_tables.emplace(table, pinned);
  return pinned;
}

Effect Connection::effect_of(const Statement& statement) {
  (void)statement;
  return Effect::unknown;
}

}  // namespace forge::core
