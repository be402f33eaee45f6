#include <map>
#include <set>

#include "dialect/mysql/mysql_introspect.hpp"
#include "dialect/mysql/mysql_sql.hpp"
#include "util/strings.hpp"

// The canonical dump of a MySQL schema: tables (keys, checks and indexes inside), foreign keys
// as ALTER TABLE once every table exists (cycles load), routines (a view may call one), views
// after the views they use, triggers. A trigger or routine whose body holds `;` is wrapped in
// `DELIMITER $$` ... `DELIMITER ;`, which forge's splitter and the mysql client both follow.

namespace forge::dialect::mysql {

namespace {

/// `name` backquoted as one identifier.
std::string quote(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) quoted += c == '`' ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

/// `text` as a string literal (quotes doubled, backslashes escaped).
std::string literal(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'')
      quoted += "''";
    else if (c == '\\')
      quoted += "\\\\";
    else
      quoted += c;
  }
  return quoted + "'";
}

/// The columns backquoted, comma-separated, in parentheses.
std::string column_list(const std::vector<std::string>& columns) {
  std::vector<std::string> quoted;
  for (const std::string& column : columns) quoted.push_back(quote(column));
  return "(" + util::join(quoted, ",") + ")";
}

/// An index key (`name`, `name(10)`, `name DESC`) with its column backquoted.
std::string key_sql(std::string key) {
  std::string suffix;
  if (util::ends_with(key, " DESC")) {
    suffix = " DESC";
    key.resize(key.size() - 5);
  }
  const std::size_t open = key.rfind('(');
  if (open != std::string::npos && key.back() == ')' &&
      util::is_digits(std::string_view(key).substr(open + 1, key.size() - open - 2))) {
    suffix = key.substr(open) + suffix;
    key.resize(open);
  }
  return quote(key) + suffix;
}

std::string column_sql(const core::SchemaColumn& column) {
  std::string sql = quote(column.name) + " " + column.type;
  if (!column.collation.empty()) sql += " COLLATE " + column.collation;
  if (column.generated) {
    sql += " GENERATED ALWAYS AS (" + *column.generated + ")";
    sql += column.generated_stored ? " STORED" : " VIRTUAL";
  }
  if (!column.nullable) {
    sql += " NOT NULL";
  } else if (!column.generated && util::starts_with_nocase(column.type, "timestamp")) {
    sql += " NULL";  // else an old server's explicit_defaults_for_timestamp=OFF makes it NOT NULL
  }
  if (column.default_sql) sql += " DEFAULT " + *column.default_sql;
  if (column.identity == "auto_increment") sql += " AUTO_INCREMENT";
  if (!column.comment.empty()) sql += " COMMENT " + literal(column.comment);
  return sql;
}

std::string index_sql(const core::SchemaIndex& index) {
  std::string sql;
  if (index.method == "FULLTEXT" || index.method == "SPATIAL") sql = index.method + " ";
  if (index.unique) sql += "UNIQUE ";
  sql += "KEY " + quote(index.name) + " (";
  for (std::size_t i = 0; i < index.keys.size(); ++i) {
    sql += (i > 0 ? "," : "") + key_sql(index.keys[i]);
  }
  sql += ")";
  if (index.method == "HASH" || index.method == "RTREE") sql += " USING " + index.method;
  return sql;
}

/// The lines inside CREATE TABLE's parentheses.
std::vector<std::string> table_lines(const core::SchemaTable& table) {
  std::vector<std::string> lines;
  for (const auto& column : table.columns) lines.push_back(column_sql(column));
  if (table.primary_key) lines.push_back("PRIMARY KEY " + column_list(table.primary_key->columns));
  for (const auto& unique : table.uniques) {
    lines.push_back("UNIQUE KEY " + quote(unique.name) + " " + column_list(unique.columns));
  }
  for (const auto& index : table.indexes) lines.push_back(index_sql(index));
  for (const auto& check : table.checks) {
    lines.push_back("CONSTRAINT " + quote(check.name) + " CHECK (" + check.check + ")");
  }
  return lines;
}

std::string create_table_sql(const core::SchemaTable& table) {
  std::string sql = "CREATE TABLE " + quote(table.name) + " (\n  ";
  sql += util::join(table_lines(table), ",\n  ") + "\n)";
  if (!table.options.empty()) sql += " " + table.options;
  if (!table.comment.empty()) sql += " COMMENT=" + literal(table.comment);
  return sql + ";\n";
}

std::string foreign_key_sql(const core::SchemaTable& table, const core::SchemaForeignKey& key) {
  return "ALTER TABLE " + quote(table.name) + " ADD CONSTRAINT " + quote(key.name) +
         " FOREIGN KEY " + column_list(key.columns) + " REFERENCES " +
         quote_identifier(key.ref_table) + " " + column_list(key.ref_columns) + " ON DELETE " +
         key.on_delete + " ON UPDATE " + key.on_update + ";\n";
}

/// A view, routine or trigger: one statement, or a DELIMITER block when its body holds `;`.
std::string object_sql(const core::SchemaObject& object) {
  if (object.definition.find(';') == std::string::npos) return object.definition + ";\n";
  std::string delimiter = "$$";
  while (object.definition.find(delimiter) != std::string::npos) delimiter += "$";
  return "DELIMITER " + delimiter + "\n" + object.definition + delimiter + "\nDELIMITER ;\n";
}

/// The objects of `kind`, each after the ones of that kind it names (backquoted) in its
/// definition; otherwise by name.
std::vector<const core::SchemaObject*> ordered(const std::vector<core::SchemaObject>& objects,
                                               const std::string& kind) {
  std::map<std::string, const core::SchemaObject*> pending;
  for (const auto& object : objects) {
    if (object.kind == kind) pending[object.name] = &object;
  }
  std::vector<const core::SchemaObject*> order;
  while (!pending.empty()) {
    auto next = pending.begin();  // a cycle: by name
    for (auto it = pending.begin(); it != pending.end(); ++it) {
      bool waits = false;
      for (const auto& other : pending) {
        waits = waits || (other.first != it->first &&
                          it->second->definition.find(quote(other.first)) != std::string::npos);
      }
      if (!waits) {
        next = it;
        break;
      }
    }
    order.push_back(next->second);
    pending.erase(next);
  }
  return order;
}

}  // namespace

std::string schema_sql(const core::Schema& schema) {
  std::string sql = "-- forge schema dump (mysql)\n";
  for (const std::string& line : schema.unmodeled) sql += "-- unmodeled: " + line + "\n";
  for (const auto& table : schema.tables) sql += "\n" + create_table_sql(table);
  for (const auto& table : schema.tables) {
    for (const auto& key : table.foreign_keys) sql += "\n" + foreign_key_sql(table, key);
  }
  for (const char* kind : {"function", "procedure", "view", "trigger"}) {
    for (const auto* object : ordered(schema.objects, kind)) sql += "\n" + object_sql(*object);
  }
  return sql;
}

std::string table_sql(const core::Schema&, const core::SchemaTable& table) {
  std::string sql = create_table_sql(table);
  for (const auto& key : table.foreign_keys) sql += foreign_key_sql(table, key);
  return sql;
}

}  // namespace forge::dialect::mysql
