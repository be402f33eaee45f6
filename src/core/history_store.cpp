#include "core/history_store.hpp"

#include <cstdlib>

#include "core/adapter.hpp"
#include "core/history_columns.hpp"

namespace forge::core {

namespace {

long long number(const std::string& text) { return std::strtoll(text.c_str(), nullptr, 10); }

HistoryRow row_from(const std::vector<std::string>& values) {
  HistoryRow row;
  row.name = values.at(0);
  row.checksum = values.at(1);
  row.applied_at = values.at(2);
  row.execution_ms = number(values.at(3));
  row.state = parse_state(values.at(4));
  row.statements_done = static_cast<int>(number(values.at(5)));
  row.statement_hashes = values.at(6);
  decode_progress(values.at(7), row);
  return row;
}

}  // namespace

HistoryStore::HistoryStore(Connection& connection, std::string table)
    : m_connection(connection), m_table(std::move(table)) {}

std::vector<std::string> HistoryStore::columns() {
  std::vector<std::string> names;
  for (const auto& row :
       m_connection.query(m_connection.history_sql().columns(m_table), {}, what())) {
    names.push_back(row.at(0));
  }
  return names;
}

void HistoryStore::ensure() {
  const HistorySql& sql = m_connection.history_sql();
  const auto existing = columns();
  if (existing.empty()) {
    m_connection.query(sql.create(m_table), {}, what());
    return;
  }
  for (const auto& column : missing_history_columns(existing)) {
    m_connection.query(sql.add_column(m_table, column), {}, what());
  }
}

std::vector<HistoryRow> HistoryStore::read() {
  const auto existing = columns();
  if (existing.empty()) return {};  // no table yet
  const std::string select =
      m_connection.history_sql().select(m_table, missing_history_columns(existing));
  std::vector<HistoryRow> rows;
  for (const auto& values : m_connection.query(select, {}, what()))
    rows.push_back(row_from(values));
  return rows;
}

void HistoryStore::record(const HistoryRow& row) {
  const HistorySql& sql = m_connection.history_sql();
  m_connection.query(
      sql.upsert(m_table),
      {row.name, row.checksum, row.applied_at.empty() ? "" : sql.stored_time(row.applied_at),
       std::to_string(row.execution_ms), state_name(row.state), std::to_string(row.statements_done),
       row.statement_hashes, encode_progress(row)},
      what());
}

void HistoryStore::erase(const std::string& name) {
  m_connection.query(m_connection.history_sql().erase(m_table), {name}, what());
}

}  // namespace forge::core
