#include "declarative/schema_plan_ops.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "core/sql_splitter.hpp"

namespace forge::declarative::plan_ops {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::vector<std::string> parts;
  for (const std::string& item : items) parts.push_back(quoted(item));
  return "[" + join(parts, ", ") + "]";
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string dialect_key(core::Dialect dialect) { return std::string(core::dialect_name(dialect)); }

// A PostgreSQL serial column: an integer whose default draws on the sequence SERIAL makes for
// it (`<table>_<column>_seq`, owned by the column, so not among the schema's objects). Written as
// the portable type with autoIncrement, which makes the same again; "" for any other column.
std::string serial_type(const std::string& table, const core::SchemaColumn& column,
                        core::Dialect dialect) {
  if (dialect != core::Dialect::postgres || !column.identity.empty() || !column.default_sql) {
    return "";
  }
  const std::string sequence = table + "_" + column.name + "_seq";
  const std::string& value = *column.default_sql;
  if (value != "nextval('" + sequence + "'::regclass)" &&
      value != "nextval('\"" + sequence + "\"'::regclass)") {
    return "";
  }
  if (column.type == "integer") return "INTEGER";
  if (column.type == "bigint") return "BIGINT";
  return column.type == "smallint" ? "SMALLINT" : "";
}

// PostgreSQL's identity (`always`, `by default`) is added by a `sql` step after the column is
// made; MySQL's and SQLite's is autoIncrement.
bool is_postgres_identity(const core::SchemaColumn& column, core::Dialect dialect) {
  return dialect == core::Dialect::postgres && !column.identity.empty();
}

// `{ type: { sqlite: "INTEGER" }, allowNull: false, ... }`.
std::string column_attributes(const std::string& table, const core::SchemaColumn& column,
                              core::Dialect dialect, bool primary_key) {
  // SQLite's `id INTEGER PRIMARY KEY` is the rowid, nullable in the catalog: the portable
  // INTEGER key is written just so, where a native type's key would be NOT NULL.
  const bool rowid = dialect == core::Dialect::sqlite && primary_key && column.nullable &&
                     upper(column.type) == "INTEGER";
  const std::string serial = serial_type(table, column, dialect);
  std::vector<std::string> parts{rowid             ? "type: INTEGER"
                                 : !serial.empty() ? "type: " + serial
                                                   : "type: { " + dialect_key(dialect) + ": " +
                                                         quoted(column.type) + " }"};
  if (!column.nullable && !primary_key && serial.empty()) parts.push_back("allowNull: false");
  if (column.default_sql && serial.empty())
    parts.push_back("defaultValue: { literal: " + quoted(*column.default_sql) + " }");
  if (primary_key) parts.push_back("primaryKey: true");
  if (!serial.empty() || (!column.identity.empty() && !is_postgres_identity(column, dialect)))
    parts.push_back("autoIncrement: true");
  if (!column.comment.empty()) parts.push_back("comment: " + quoted(column.comment));
  return "{ " + join(parts, ", ") + " }";
}

std::string sql_step(core::Dialect dialect, const std::string& sql) {
  return "  - sql: { " + dialect_key(dialect) + ": " + quoted(sql) + " }\n";
}

std::string references(const core::SchemaForeignKey& key) {
  std::string out = "references: { table: " + quoted(key.ref_table) + ", ";
  out += key.ref_columns.size() == 1 ? "column: " + quoted(key.ref_columns[0])
                                     : "columns: " + quoted_list(key.ref_columns);
  out += " }";
  if (key.on_delete != "NO ACTION") out += ", onDelete: " + quoted(key.on_delete);
  if (key.on_update != "NO ACTION") out += ", onUpdate: " + quoted(key.on_update);
  return out;
}

std::string name_part(const std::string& name) {
  return name.empty() ? "" : "name: " + quoted(name) + ", ";
}

// A key addIndex can take as it is: a column name. Anything else (` DESC`, an expression, a
// prefix length) goes into a `sql` step as the catalog spells it, so it reads back the same.
bool is_plain_key(const std::string& key) {
  return std::all_of(key.begin(), key.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::string create_index_sql(const std::string& table, const core::SchemaIndex& index,
                             core::Dialect dialect) {
  std::string sql = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                    sql_name(dialect, index.name) + " ON " + sql_name(dialect, table);
  if (!index.method.empty() && dialect == core::Dialect::postgres) sql += " USING " + index.method;
  sql += " (" + join(index.keys, ", ") + ")";
  if (!index.method.empty() && dialect == core::Dialect::mysql) sql += " USING " + index.method;
  if (!index.where.empty()) sql += " WHERE " + index.where;
  return sql;
}

}  // namespace

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string sql_name(core::Dialect dialect, const std::string& name) {
  const char quote = dialect == core::Dialect::mysql ? '`' : '"';
  std::string out(1, quote);
  for (char c : name) {
    out += c;
    if (c == quote) out += c;
  }
  return out + quote;
}

namespace {

// `schema.name` (as the catalog readers write names outside the current schema), each part
// quoted.
std::string dotted_name(core::Dialect dialect, const std::string& name) {
  std::string out;
  std::size_t start = 0;
  for (auto dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    out += sql_name(dialect, name.substr(start, dot - start)) + ".";
    start = dot + 1;
  }
  return out + sql_name(dialect, name.substr(start));
}

// The `sql` steps giving a PostgreSQL column its identity once it exists.
std::string identity_steps(const std::string& table, const core::SchemaColumn& column,
                           core::Dialect dialect) {
  if (!is_postgres_identity(column, dialect)) return "";
  return sql_step(dialect, "ALTER TABLE " + dotted_name(dialect, table) + " ALTER COLUMN " +
                               sql_name(dialect, column.name) + " ADD GENERATED " +
                               upper(column.identity) + " AS IDENTITY");
}

std::string sql_literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += c;
  }
  return out + "'";
}

}  // namespace

std::vector<std::string> enum_labels(const core::SchemaObject& object) {
  std::vector<std::string> labels;
  const std::string& text = object.definition;
  auto at = upper(text).find("ENUM (");
  if (object.kind != "enum" || at == std::string::npos) return labels;
  for (at = text.find('\'', at); at != std::string::npos; at = text.find('\'', at + 1)) {
    std::string label;
    for (++at; at < text.size(); ++at) {
      if (text[at] == '\'' && (at + 1 == text.size() || text[at + 1] != '\'')) break;
      if (text[at] == '\'') ++at;  // a doubled quote stands for one
      label += text[at];
    }
    labels.push_back(label);
  }
  return labels;
}

std::string create_table(const core::SchemaTable& table, core::Dialect dialect) {
  const bool single_key = table.primary_key && table.primary_key->columns.size() == 1;
  std::string out = "  - createTable:\n      table: " + quoted(table.name) + "\n      columns:\n";
  for (const core::SchemaColumn& column : table.columns) {
    const bool key = single_key && table.primary_key->columns[0] == column.name;
    out += "        " + quoted(column.name) + ": " +
           column_attributes(table.name, column, dialect, key) + "\n";
  }
  std::vector<std::string> constraints;
  if (table.primary_key && !single_key) {
    constraints.push_back("{ type: \"primary key\", " + name_part(table.primary_key->name) +
                          "fields: " + quoted_list(table.primary_key->columns) + " }");
  }
  for (const core::SchemaConstraint& unique : table.uniques) {
    constraints.push_back("{ type: unique, " + name_part(unique.name) +
                          "fields: " + quoted_list(unique.columns) + " }");
  }
  for (const core::SchemaForeignKey& key : table.foreign_keys) {
    constraints.push_back("{ type: \"foreign key\", " + name_part(key.name) +
                          "fields: " + quoted_list(key.columns) + ", " + references(key) + " }");
  }
  if (!constraints.empty()) {
    out += "      constraints:\n";
    for (const std::string& constraint : constraints) out += "        - " + constraint + "\n";
  }
  for (const core::SchemaColumn& column : table.columns)
    out += identity_steps(table.name, column, dialect);
  return out;
}

std::string drop_table(const std::string& table) {
  return "  - dropTable: { table: " + quoted(table) + " }\n";
}

std::string rename_table(const std::string& from, const std::string& to) {
  return "  - renameTable: { from: " + quoted(from) + ", to: " + quoted(to) + " }\n";
}

std::string add_column(const std::string& table, const core::SchemaColumn& column,
                       core::Dialect dialect) {
  std::string attributes = column_attributes(table, column, dialect, false);
  return "  - addColumn: { table: " + quoted(table) + ", column: " + quoted(column.name) + ", " +
         attributes.substr(2) + "\n" + identity_steps(table, column, dialect);
}

std::string remove_column(const std::string& table, const std::string& column) {
  return "  - removeColumn: { table: " + quoted(table) + ", column: " + quoted(column) + " }\n";
}

std::string change_column(const std::string& table, const core::SchemaColumn& column,
                          core::Dialect dialect) {
  std::string attributes = column_attributes(table, column, dialect, false);
  return "  - changeColumn: { table: " + quoted(table) + ", column: " + quoted(column.name) + ", " +
         attributes.substr(2) + "\n";
}

std::string rename_column(const std::string& table, const std::string& from,
                          const std::string& to) {
  return "  - renameColumn: { table: " + quoted(table) + ", from: " + quoted(from) +
         ", to: " + quoted(to) + " }\n";
}

std::string add_index(const std::string& table, const core::SchemaIndex& index,
                      core::Dialect dialect) {
  // SQLite's catalog keeps an index's keys as its CREATE INDEX spells them (`"email"` and
  // `email` read differently): written as the catalog gives them, they read back the same.
  bool plain = dialect != core::Dialect::sqlite && index.where.empty() && !index.keys.empty();
  for (const std::string& key : index.keys) plain = plain && is_plain_key(key);
  if (!plain) return sql_step(dialect, create_index_sql(table, index, dialect));
  std::string out = "  - addIndex: { table: " + quoted(table) + ", name: " + quoted(index.name) +
                    ", fields: " + quoted_list(index.keys);
  if (index.unique) out += ", unique: true";
  if (!index.method.empty()) out += ", using: " + quoted(upper(index.method));
  return out + " }\n";
}

std::string remove_index(const std::string& table, const core::SchemaIndex& index, core::Dialect) {
  return "  - removeIndex: { table: " + quoted(table) + ", name: " + quoted(index.name) + " }\n";
}

std::string add_unique(const std::string& table, const core::SchemaConstraint& unique) {
  return "  - addConstraint: { table: " + quoted(table) + ", type: unique, " +
         name_part(unique.name) + "fields: " + quoted_list(unique.columns) + " }\n";
}

std::string add_primary_key(const std::string& table, const core::SchemaConstraint& key) {
  // MySQL names every primary key PRIMARY, refuses that name in ADD CONSTRAINT and ignores any
  // other: the unit says the name PostgreSQL would give.
  const std::string name = key.name.empty() || key.name == "PRIMARY" ? table + "_pkey" : key.name;
  return "  - addConstraint: { table: " + quoted(table) + ", type: \"primary key\", " +
         name_part(name) + "fields: " + quoted_list(key.columns) + " }\n";
}

std::string add_foreign_key(const std::string& table, const core::SchemaForeignKey& key) {
  return "  - addConstraint: { table: " + quoted(table) + ", type: \"foreign key\", " +
         name_part(key.name) + "fields: " + quoted_list(key.columns) + ", " + references(key) +
         " }\n";
}

std::string remove_constraint(const std::string& table, const std::string& name) {
  return "  - removeConstraint: { table: " + quoted(table) + ", name: " + quoted(name) + " }\n";
}

std::string add_check(const std::string& table, const core::SchemaConstraint& check,
                      core::Dialect dialect) {
  return sql_step(dialect, "ALTER TABLE " + sql_name(dialect, table) + " ADD CONSTRAINT " +
                               sql_name(dialect, check.name) + " CHECK (" + check.check + ")");
}

std::string drop_check(const std::string& table, const core::SchemaConstraint& check,
                       core::Dialect dialect) {
  const char* what = dialect == core::Dialect::mysql ? " DROP CHECK " : " DROP CONSTRAINT ";
  return sql_step(dialect,
                  "ALTER TABLE " + sql_name(dialect, table) + what + sql_name(dialect, check.name));
}

std::string sql_steps(const std::string& sql, core::Dialect dialect) {
  std::string out;
  for (const core::Statement& statement :
       core::split_sql(sql, core::SqlOrigin{"<schema>", 1}, dialect))
    out += sql_step(dialect, statement.text);
  return out;
}

std::string drop_table_sql(const std::string& table, core::Dialect dialect) {
  return sql_step(dialect, "DROP TABLE " + dotted_name(dialect, table));
}

std::string create_object(const core::SchemaObject& object, core::Dialect dialect) {
  std::string sql = object.definition;
  if (upper(sql.substr(0, 6)) != "CREATE") {
    sql = "CREATE " + upper(object.kind) + " " + object.name + " AS " + sql;
  }
  return sql_step(dialect, sql);
}

namespace {

// The object's name as DROP / ALTER want it: `"f"(integer)`, `"t" ON "tbl"`.
std::string object_reference(const core::SchemaObject& object, core::Dialect dialect) {
  std::string name = object.name;
  std::string rest;
  const auto on = name.find(" on ");
  const auto paren = name.find('(');
  if (object.kind == "trigger" && on != std::string::npos) {
    rest = " ON " + dotted_name(dialect, name.substr(on + 4));
    name.erase(on);
  } else if ((object.kind == "function" || object.kind == "procedure") &&
             paren != std::string::npos) {
    rest = name.substr(paren);
    name.erase(paren);
  }
  return dotted_name(dialect, name) + rest;
}

}  // namespace

std::string drop_object(const core::SchemaObject& object, core::Dialect dialect) {
  const std::string kind = object.kind == "enum" ? "TYPE" : upper(object.kind);
  return sql_step(dialect, "DROP " + kind + " " + object_reference(object, dialect));
}

std::string add_enum_values(const core::SchemaObject& had, const core::SchemaObject& wanted,
                            core::Dialect dialect) {
  const std::vector<std::string> old_labels = enum_labels(had);
  const std::vector<std::string> labels = enum_labels(wanted);
  if (old_labels.empty() || labels.size() <= old_labels.size()) return "";
  std::size_t kept = 0;
  std::string out;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (kept < old_labels.size() && labels[i] == old_labels[kept]) {
      ++kept;
      continue;
    }
    const std::string place =
        i == 0 ? " BEFORE " + sql_literal(labels[1]) : " AFTER " + sql_literal(labels[i - 1]);
    out += sql_step(dialect, "ALTER TYPE " + object_reference(wanted, dialect) + " ADD VALUE " +
                                 sql_literal(labels[i]) + place);
  }
  return kept == old_labels.size() ? out : "";
}

}  // namespace forge::declarative::plan_ops
