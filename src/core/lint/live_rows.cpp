#include "core/lint/live_rows.hpp"

#include <algorithm>
#include <map>

namespace forge::core::lint {

namespace {

// Rules whose harm grows with the rows of the table (and vanishes when it has none).
bool depends_on_rows(const std::string& code) {
  static const char* const k_codes[] = {"FORGE-D005",  "FORGE-D006",  "FORGE-D007",  "FORGE-D008",
                                        "FORGE-PG001", "FORGE-PG003", "FORGE-PG004", "FORGE-PG005",
                                        "FORGE-PG006", "FORGE-PG007", "FORGE-MY001", "FORGE-MY002",
                                        "FORGE-MY003", "FORGE-SL002"};
  return std::find(std::begin(k_codes), std::end(k_codes), code) != std::end(k_codes);
}

// Rules about data loss: the count says what is at stake, an empty table keeps them (the code
// reading it still breaks).
bool counts_loss(const std::string& code) {
  return code == "FORGE-D001" || code == "FORGE-D002" || code == "FORGE-D004";
}

const LintStatement* statement_at(const LintUnit& unit, const Position& position) {
  for (const LintStatement& statement : unit.statements) {
    if (statement.position.file == position.file && statement.position.line == position.line &&
        statement.position.column == position.column) {
      return &statement;
    }
  }
  return nullptr;
}

std::string rows_text(long long rows) {
  if (rows >= k_row_count_bound) return "more than " + std::to_string(k_row_count_bound) + " rows";
  return std::to_string(rows) + (rows == 1 ? " row" : " rows");
}

}  // namespace

std::vector<std::string> tables_of(const LintStatement& statement) {
  const StatementShape& shape = statement.shape;
  if (const auto* alter = std::get_if<AlterTable>(&shape)) return {alter->table};
  if (const auto* index = std::get_if<CreateIndex>(&shape)) return {index->table};
  if (const auto* drop = std::get_if<DropTable>(&shape)) return drop->tables;
  if (const auto* truncate = std::get_if<Truncate>(&shape)) return truncate->tables;
  if (const auto* rename = std::get_if<RenameTable>(&shape)) return {rename->from};
  return {};
}

void refine_with_rows(std::vector<Finding>& findings, const LintUnit& unit,
                      const RowCounter& rows) {
  std::map<std::string, std::optional<long long>> counted;
  for (Finding& finding : findings) {
    const bool by_rows = depends_on_rows(finding.code);
    if (!by_rows && !counts_loss(finding.code)) continue;
    const LintStatement* statement = statement_at(unit, finding.position);
    if (!statement) continue;
    std::vector<std::string> parts;
    bool all_empty = true;
    for (const std::string& table : tables_of(*statement)) {
      if (!counted.count(table)) counted[table] = rows(table);
      const auto& count = counted[table];
      all_empty = all_empty && count && *count == 0;
      if (count) parts.push_back(table + " holds " + rows_text(*count));
    }
    if (parts.empty()) continue;
    std::string said;
    for (const std::string& part : parts) said += (said.empty() ? "" : ", ") + part;
    finding.message += " (in the database now: " + said + ")";
    if (by_rows && all_empty && finding.severity != Severity::info) {
      finding.severity = Severity::info;
      finding.message += "; empty, so nothing waits on it today";
    }
  }
}

}  // namespace forge::core::lint
