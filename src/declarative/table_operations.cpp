// createTable, dropTable, renameTable.
#include <algorithm>

#include "declarative/column_reader.hpp"
#include "declarative/constraint_reader.hpp"
#include "declarative/operation_readers.hpp"
#include "declarative/scalars.hpp"

namespace forge::declarative {

namespace {

std::vector<ColumnSpec> read_columns(const Fields& fields, const std::string& table) {
  const DocumentNode& node = fields.required("columns");
  if (node.kind != DocumentNode::Kind::map || node.entries.empty()) {
    fail_at(node.location,
            "columns of createTable must map each column name to its attributes, "
            "like { id: { type: INTEGER, primaryKey: true } }, not " +
                describe(node));
  }
  std::vector<ColumnSpec> columns;
  for (const MapEntry& entry : node.entries) columns.push_back(read_column_entry(entry, table));
  return columns;
}

const ColumnSpec* find_column(const CreateTable& op, const std::string& name) {
  const auto found = std::find_if(op.columns.begin(), op.columns.end(),
                                  [&](const ColumnSpec& c) { return c.name == name; });
  return found == op.columns.end() ? nullptr : &*found;
}

void add_timestamps(CreateTable& op, const SourceLocation& at) {
  for (const char* name : {"created_at", "updated_at"}) {
    if (const ColumnSpec* existing = find_column(op, name)) {
      fail_at(at, std::string("timestamps: true adds ") + name + ", which is already declared at " +
                      to_string(existing->origin.location) + "; keep one of them");
    }
    ColumnSpec column;
    column.origin.location = at;
    column.name = name;
    column.type.kind = TypeKind::date_time;
    column.type.location = at;
    column.allow_null = false;
    column.default_value = DefaultValue{Now{}};
    op.columns.push_back(std::move(column));
  }
}

void check_constraint_columns(const CreateTable& op, const ConstraintSpec& constraint) {
  std::vector<std::pair<std::string, SourceLocation>> used;
  for (const std::string& field : constraint.fields)
    used.emplace_back(field, constraint.origin.of("fields"));
  if (constraint.where) {
    for (const Condition& c : constraint.where->conditions) used.emplace_back(c.column, c.location);
  }
  for (const auto& [name, at] : used) {
    if (!find_column(op, name)) {
      fail_at(at,
              "constraint names column '" + name + "', which " + op.table + " does not declare");
    }
  }
}

// A table-level primary key makes its columns NOT NULL, and replaces column-level ones.
void apply_primary_key(CreateTable& op, const ConstraintSpec& key) {
  for (const ColumnSpec& column : op.columns) {
    if (column.primary_key) {
      fail_at(key.origin.location, "a primary key constraint and primaryKey: true on column '" +
                                       column.name + "' both declare the key; keep one");
    }
  }
  for (ColumnSpec& column : op.columns) {
    if (std::find(key.fields.begin(), key.fields.end(), column.name) == key.fields.end()) continue;
    if (column.origin.has("allowNull") && column.allow_null) {
      fail_at(column.origin.of("allowNull"),
              "primary key column '" + column.name + "' cannot allow null");
    }
    column.allow_null = false;
  }
}

void read_table_constraints(const DocumentNode& list, CreateTable& op) {
  expect_list(list, "constraints of createTable");
  bool has_primary_key = false;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const DocumentNode& item = list.items[i];
    const Fields fields(item, "constraint " + std::to_string(i + 1) + " of createTable",
                        item.location, constraint_options());
    ConstraintSpec constraint = read_constraint(fields, false);
    check_constraint_columns(op, constraint);
    if (constraint.kind == ConstraintKind::primary_key) {
      if (has_primary_key) fail_at(item.location, "a table has one primary key; merge them");
      has_primary_key = true;
      apply_primary_key(op, constraint);
    }
    op.constraints.push_back(std::move(constraint));
  }
}

void check_auto_increment(const CreateTable& op) {
  const auto keys = std::count_if(op.columns.begin(), op.columns.end(),
                                  [](const ColumnSpec& c) { return c.primary_key; });
  for (const ColumnSpec& column : op.columns) {
    if (column.auto_increment && (!column.primary_key || keys != 1)) {
      fail_at(column.origin.of("autoIncrement"),
              "autoIncrement column '" + column.name +
                  "' must be the table's only primaryKey column (MySQL and SQLite require it)");
    }
  }
}

}  // namespace

Operation read_create_table(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "createTable", at, {"table", "columns", "constraints", "timestamps"});
  CreateTable op;
  op.origin = fields.origin();
  op.table = fields.name("table");
  op.columns = read_columns(fields, op.table);
  op.timestamps = fields.flag("timestamps");
  if (op.timestamps) add_timestamps(op, op.origin.of("timestamps"));
  if (const DocumentNode* list = fields.find("constraints")) read_table_constraints(*list, op);
  check_auto_increment(op);
  return op;
}

Operation read_drop_table(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "dropTable", at, {"table"});
  return DropTable{fields.origin(), fields.name("table")};
}

Operation read_rename_table(const DocumentNode& body, const SourceLocation& at) {
  const Fields fields(body, "renameTable", at, {"from", "to"});
  RenameTable op{fields.origin(), fields.name("from"), fields.name("to")};
  if (op.from == op.to) fail_at(op.origin.of("to"), "renameTable from and to are the same name");
  return op;
}

}  // namespace forge::declarative
