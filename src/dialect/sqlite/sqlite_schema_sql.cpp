#include <string>
#include <vector>

#include "dialect/sql_writer.hpp"
#include "dialect/sqlite/sqlite_introspect.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

namespace {

constexpr core::Dialect k_lite = core::Dialect::sqlite;

std::string name(const std::string& identifier) { return quote_name(identifier, k_lite); }

// A single INTEGER key column with AUTOINCREMENT is declared on the column: SQLite allows
// AUTOINCREMENT nowhere else.
bool key_on_column(const core::SchemaTable& table, const core::SchemaColumn& column) {
  return table.primary_key && table.primary_key->columns.size() == 1 &&
         table.primary_key->columns.front() == column.name && column.identity == "autoincrement";
}

std::string column_sql(const core::SchemaTable& table, const core::SchemaColumn& column) {
  std::string out = name(column.name);
  if (!column.type.empty()) out += " " + column.type;
  if (!column.nullable) out += " NOT NULL";
  if (key_on_column(table, column)) out += " PRIMARY KEY AUTOINCREMENT";
  // The catalog gives `DEFAULT (datetime('now'))` back without its parentheses, which SQLite
  // requires around anything but a literal; around a literal they are allowed and dropped.
  if (column.default_sql) out += " DEFAULT (" + *column.default_sql + ")";
  if (column.generated) {
    out += " GENERATED ALWAYS AS (" + *column.generated + ")" +
           (column.generated_stored ? " STORED" : " VIRTUAL");
  }
  if (!column.collation.empty()) out += " COLLATE " + column.collation;
  return out;
}

std::string constraint_prefix(const std::string& constraint_name) {
  return constraint_name.empty() ? "" : "CONSTRAINT " + name(constraint_name) + " ";
}

std::string foreign_key_sql(const core::SchemaForeignKey& key) {
  std::string out = constraint_prefix(key.name) + "FOREIGN KEY (" +
                    quote_names(key.columns, k_lite) + ") REFERENCES " + name(key.ref_table);
  if (!key.ref_columns.empty()) out += " (" + quote_names(key.ref_columns, k_lite) + ")";
  if (key.on_update != "NO ACTION") out += " ON UPDATE " + key.on_update;
  if (key.on_delete != "NO ACTION") out += " ON DELETE " + key.on_delete;
  if (key.deferrable) out += " DEFERRABLE";
  if (key.initially_deferred) out += " INITIALLY DEFERRED";
  return out;
}

std::vector<std::string> definitions(const core::SchemaTable& table) {
  std::vector<std::string> lines;
  bool key_written = false;
  for (const core::SchemaColumn& column : table.columns) {
    lines.push_back(column_sql(table, column));
    key_written = key_written || key_on_column(table, column);
  }
  if (table.primary_key && !key_written) {
    lines.push_back(constraint_prefix(table.primary_key->name) + "PRIMARY KEY (" +
                    quote_names(table.primary_key->columns, k_lite) + ")");
  }
  for (const core::SchemaConstraint& unique : table.uniques) {
    lines.push_back(constraint_prefix(unique.name) + "UNIQUE (" +
                    quote_names(unique.columns, k_lite) + ")");
  }
  for (const core::SchemaConstraint& check : table.checks) {
    lines.push_back(constraint_prefix(check.name) + "CHECK (" + check.check + ")");
  }
  for (const core::SchemaForeignKey& key : table.foreign_keys)
    lines.push_back(foreign_key_sql(key));
  return lines;
}

std::string create_table_sql(const core::SchemaTable& table) {
  std::string out = "CREATE TABLE " + name(table.name) + " (\n  " +
                    util::join(definitions(table), ",\n  ") + "\n)";
  if (!table.options.empty()) out += " " + table.options;
  out += ";\n";
  for (const core::SchemaIndex& index : table.indexes) {
    out += std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " + name(index.name) +
           " ON " + name(table.name) + " (" + util::join(index.keys, ", ") + ")" +
           (index.where.empty() ? "" : " WHERE " + index.where) + ";\n";
  }
  return out;
}

}  // namespace

std::string schema_sql(const core::Schema& schema) {
  std::string out = "-- forge schema dump (sqlite)\n";
  for (const std::string& line : schema.unmodeled) {
    out += "-- not modelled: " + util::join(util::split(line, '\n'), " ") + "\n";
  }
  for (const core::SchemaTable& table : schema.tables) out += "\n" + create_table_sql(table);
  // Views before triggers: a trigger may use a view, never the other way round.
  for (const char* kind : {"view", "trigger"}) {
    for (const core::SchemaObject& object : schema.objects) {
      if (object.kind == kind) out += "\n" + object.definition + ";\n";
    }
  }
  return out;
}

std::string table_sql(const core::Schema&, const core::SchemaTable& table) {
  return create_table_sql(table);
}

}  // namespace forge::dialect::sqlite
