#include "core/history_store.hpp"

#include <algorithm>
#include <cstdlib>

#include "core/adapter.hpp"
#include "core/errors.hpp"
#include "core/history_columns.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

long long number(const std::string& text) { return std::strtoll(text.c_str(), nullptr, 10); }

// A statement count as stored: digits only (a negative or absurd value was written by hand and
// must not be read as a huge unsigned number), else k_unknown_count.
int count(const std::string& text) {
  const std::string digits(util::trim(text));
  if (digits.empty() || digits.size() > 6 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return k_unknown_count;
  }
  return std::stoi(digits);
}

HistoryRow row_from(std::vector<std::string>& values) {
  HistoryRow row;
  row.name = std::move(values.at(0));
  row.checksum = std::move(values.at(1));
  row.applied_at = std::move(values.at(2));
  row.execution_ms = number(values.at(3));
  row.state = parse_state(values.at(4));
  row.statements_done = count(values.at(5));
  row.statement_hashes = std::move(values.at(6));
  decode_progress(values.at(7), row);
  return row;
}

}  // namespace

bool shared_with_sequelize(const std::string& table) {
  const auto dot = table.rfind('.');
  const std::string name = util::to_lower(dot == std::string::npos ? table : table.substr(dot + 1));
  return util::starts_with(name, "sequelize");
}

std::string progress_table_of(const std::string& table) { return table + "_forge_progress"; }

HistoryStore::HistoryStore(Connection& connection, std::string table)
    : m_connection(connection), m_shown(table), m_table(connection.pinned_history_table(table)) {
  if (shared_with_sequelize(m_table)) m_progress_table = progress_table_of(m_table);
}

std::vector<std::string> HistoryStore::columns() { return columns_of(m_table); }

std::vector<std::string> HistoryStore::columns_of(const std::string& table) {
  std::vector<std::string> names;
  for (const auto& row :
       m_connection.query(m_connection.history_sql().columns(table), {}, what())) {
    names.push_back(row.at(0));
  }
  if (!names.empty()) refuse_foreign_table(names);
  return names;
}

bool HistoryStore::exists_with(const std::vector<std::string>& columns) const {
  if (!columns.empty()) refuse_foreign_table(columns);
  return !columns.empty();
}

// An application table named by mistake (--meta-table users) must be neither altered nor read
// as history: forge's own table and sequelize-cli's SequelizeMeta have only history columns.
void HistoryStore::refuse_foreign_table(const std::vector<std::string>& names) const {
  const auto foreign = foreign_history_columns(names);
  const bool has_name = foreign.size() < names.size() &&
                        std::any_of(names.begin(), names.end(), [](const std::string& n) {
                          return util::to_lower(n) == "name";
                        });
  if (foreign.empty() && has_name) return;
  throw ConfigError(
      "the table " + m_shown + " is not a history table" +
          (foreign.empty()
               ? " (it has no name column)"
               : " (it has columns " + util::join(foreign, ", ") + " that no history table has)") +
          "; forge leaves it as it is",
      "Point --meta-table / --seed-table (or migrationStorageTableName) at forge's history table, "
      "at sequelize-cli's SequelizeMeta, or at a name no table has yet.");
}

// Both tables are made here, under the lock and outside any transaction (on MySQL a CREATE
// TABLE inside one would commit it).
void HistoryStore::ensure() {
  m_connection.forget_history_columns();  // the table may change here
  const HistorySql& sql = m_connection.history_sql();
  for (const std::string& table : {m_table, m_progress_table}) {
    if (table.empty()) continue;
    const auto existing = columns_of(table);
    if (existing.empty()) {
      m_connection.query(sql.create(table), {}, what());
      continue;
    }
    for (const auto& column : missing_history_columns(existing)) {
      m_connection.query(sql.add_column(table, column), {}, what());
    }
  }
}

std::vector<HistoryRow> HistoryStore::rows_of(const std::string& table,
                                              const std::vector<std::string>& found) {
  const std::string select =
      m_connection.history_sql().select(table, missing_history_columns(found));
  auto results = m_connection.query(select, {}, what());
  std::vector<HistoryRow> rows;
  rows.reserve(results.size());
  for (auto& values : results) rows.push_back(row_from(values));
  return rows;
}

std::vector<HistoryRow> HistoryStore::read() {
  // Columns its choice found a moment ago (checked to be a history table's then), else asked.
  const std::vector<std::string>* kept = m_connection.kept_history_columns(m_shown);
  const auto existing = kept != nullptr ? *kept : columns();
  std::vector<HistoryRow> rows;
  if (!existing.empty()) rows = rows_of(m_table, existing);
  if (m_progress_table.empty()) return rows;
  const auto progress_columns = columns_of(m_progress_table);
  if (progress_columns.empty()) return rows;
  // A run killed between its two writes leaves a unit in both: the table itself is written
  // last when a unit completes, so its row is the truth.
  for (HistoryRow& row : rows_of(m_progress_table, progress_columns)) {
    const bool known = std::any_of(rows.begin(), rows.end(),
                                   [&](const HistoryRow& r) { return r.name == row.name; });
    if (!known) rows.push_back(std::move(row));
  }
  return rows;
}

void HistoryStore::upsert(const std::string& table, const HistoryRow& row) {
  const HistorySql& sql = m_connection.history_sql();
  m_connection.query(
      sql.upsert(table),
      {row.name, row.checksum, row.applied_at.empty() ? "" : sql.stored_time(row.applied_at),
       std::to_string(row.execution_ms), state_name(row.state), std::to_string(row.statements_done),
       row.statement_hashes, encode_progress(row)},
      what());
}

void HistoryStore::record(const HistoryRow& row) {
  const bool part_way = row.state == RowState::failed || row.state == RowState::running;
  if (m_progress_table.empty()) return upsert(m_table, row);
  const HistorySql& sql = m_connection.history_sql();
  if (part_way) {
    upsert(m_progress_table, row);
    m_connection.query(sql.erase(m_table), {row.name}, what());
  } else {
    upsert(m_table, row);
    m_connection.query(sql.erase(m_progress_table), {row.name}, what());
  }
}

void HistoryStore::erase(const std::string& name) {
  m_connection.query(m_connection.history_sql().erase(m_table), {name}, what());
  if (!m_progress_table.empty()) {
    m_connection.query(m_connection.history_sql().erase(m_progress_table), {name}, what());
  }
}

}  // namespace forge::core
