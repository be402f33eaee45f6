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

std::map<std::string, std::vector<std::string>> Connection::describe_history(
    const std::vector<std::string>& tables) {
  std::map<std::string, std::vector<std::string>> columns;
  const std::string sql = history_sql().describe(tables);
  if (sql.empty()) return columns;
  for (const auto& row : query(sql, {}, "the history tables")) {
    const std::string& table = row.at(0);
    const std::string& schema = row.at(1);
    std::vector<std::string>& names = columns[table];
    if (!row.at(2).empty()) names.push_back(row.at(2));
    if (m_pinned_tables.count(table) == 0 && table.find('.') == std::string::npos) {
      m_pinned_tables.emplace(table, schema.empty() ? table : schema + "." + table);
    }
  }
  return columns;
}

void Connection::keep_history_columns(const std::string& table, std::vector<std::string> columns) {
  m_kept_columns.emplace(table, std::move(columns));
}

const std::vector<std::string>* Connection::kept_history_columns(const std::string& table) const {
  return m_kept_columns && m_kept_columns->first == table ? &m_kept_columns->second : nullptr;
}

Effect Connection::effect_of(const Statement& statement) {
  (void)statement;
  return Effect::unknown;
}

}  // namespace forge::core
