// bulkInsert, bulkDelete, sql.
#include <algorithm>

#include "declarative/fields.hpp"
#include "declarative/operation_readers.hpp"
#include "declarative/scalars.hpp"
#include "declarative/where_reader.hpp"

namespace forge::declarative {

namespace {

std::vector<std::string> keys_of(const DocumentNode& row) {
  std::vector<std::string> keys;
  for (const MapEntry& entry : row.entries) keys.push_back(entry.key);
  return keys;
}

// Every row must name the columns of the first, so one INSERT column list fits them all.
void check_same_columns(const DocumentNode& row, std::size_t number,
                        const std::vector<std::string>& columns) {
  std::vector<std::string> missing, extra;
  for (const std::string& column : columns) {
    if (!row.find(column)) missing.push_back(column);
  }
  for (const MapEntry& entry : row.entries) {
    if (std::find(columns.begin(), columns.end(), entry.key) == columns.end())
      extra.push_back(entry.key);
  }
  if (missing.empty() && extra.empty()) return;
  std::string problem =
      "row " + std::to_string(number) + " of bulkInsert does not name the first row's columns";
  for (const std::string& column : missing) problem += "; missing '" + column + "'";
  for (const std::string& column : extra) problem += "; extra '" + column + "'";
  fail_at(row.location, problem + " (every row names the same columns)");
}

std::string read_statement(const DocumentNode& node, const std::string& what) {
  if (node.kind != DocumentNode::Kind::scalar || node.text.empty()) {
    fail_at(node.location, what + " must be the SQL text, not " + describe(node));
  }
  return node.text;
}

}  // namespace

Row read_bulk_insert_row(const DocumentNode& node, std::size_t number,
                         const std::vector<std::string>& columns) {
  Row row;
  read_bulk_insert_row(node, number, columns, row);
  return row;
}

void read_bulk_insert_row(const DocumentNode& node, std::size_t number,
                          const std::vector<std::string>& columns, Row& row) {
  // The descriptions are written only when they may be needed: a large unit reads millions of
  // values, and a plain value is never refused.
  const auto what = [number] { return "row " + std::to_string(number) + " of bulkInsert"; };
  if (node.kind != DocumentNode::Kind::map || node.entries.empty()) {
    fail_at(node.location, what() + " must be a map of column: value, not " + describe(node));
  }
  if (number > 1) check_same_columns(node, number, columns);
  row.location = node.location;
  row.values.resize(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const DocumentNode& cell = *node.find(columns[i]);
    if (cell.kind == DocumentNode::Kind::scalar || cell.kind == DocumentNode::Kind::null) {
      read_value_into(cell, {}, row.values[i]);
    } else {
      row.values[i] = read_value_or_expression(cell, "'" + columns[i] + "' in " + what());
    }
  }
}

Operation read_bulk_insert(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "bulkInsert", at, {"table", "rows"});
  BulkInsert op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  const DocumentNode& rows = fields.required("rows");
  expect_list(rows, "rows of bulkInsert");
  op.columns = keys_of(rows.items.front());
  for (const DocumentNode& row : rows.items)
    op.rows.push_back(read_bulk_insert_row(row, op.rows.size() + 1, op.columns));
  return op;
}

Operation read_bulk_delete(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "bulkDelete", at, {"table", "where"});
  return BulkDelete{fields.origin(), fields.name("table"),
                    read_where(fields.required("where"), fields.describe_key("where"), true)};
}

Operation read_sql(const DocumentNode& body, const SourceLocation& at) {
  RawSql op{Origin{at, {}}, std::nullopt, {}};
  if (body.kind != DocumentNode::Kind::map) {
    op.any_dialect = read_statement(body, "sql");
    return op;
  }
  if (body.entries.empty())
    fail_at(body.location, "sql needs the SQL text for at least one dialect");
  for (const MapEntry& entry : body.entries) {
    const auto dialect = core::parse_dialect(entry.key);
    if (!dialect) {
      fail_at(entry.key_location,
              "sql has no dialect '" + entry.key +
                  "'; write the SQL as text, or under sqlite, postgres or mysql");
    }
    if (op.by_dialect.count(*dialect)) {
      fail_at(entry.key_location,
              "sql gives " + std::string(core::dialect_name(*dialect)) + " twice");
    }
    op.by_dialect[*dialect] = read_statement(entry.value, "sql for " + entry.key);
    op.origin.options.emplace(entry.key, entry.key_location);
  }
  return op;
}

}  // namespace forge::declarative
