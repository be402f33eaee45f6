#include "dialect/sqlite/sqlite_introspect.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "dialect/sqlite/sqlite_table_sql.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

namespace {

using core::ResultRows;
using Row = std::vector<std::optional<std::string>>;

ResultRows fetch(core::Connection& connection, const std::string& sql) {
  return connection.fetch(core::Statement{sql, "<catalog>", 1, nullptr});
}

std::string text(const Row& row, std::size_t column) { return row.at(column).value_or(""); }

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string literal(const std::string& name) {
  std::string out = "'";
  for (char c : name) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// The tokens of a clause after its keyword (and after `AS` for a generated column), without
// one pair of enclosing parentheses: `CHECK (a > 0)` → `a > 0`.
std::string clause_body(const std::vector<Token>& tokens, std::size_t from) {
  std::vector<Token> rest(tokens.begin() + static_cast<std::ptrdiff_t>(from), tokens.end());
  std::string body = tokens_sql(rest);
  if (body.size() >= 2 && body.front() == '(' && body.back() == ')') {
    int depth = 0;
    bool encloses = true;
    for (std::size_t i = 0; i < body.size(); ++i) {
      depth += body[i] == '(' ? 1 : body[i] == ')' ? -1 : 0;
      if (depth == 0 && i + 1 < body.size()) encloses = false;
    }
    if (encloses) body = std::string(util::trim(std::string_view(body).substr(1, body.size() - 2)));
  }
  return body;
}

std::size_t index_of_keyword(const std::vector<Token>& tokens, std::string_view keyword) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (is_keyword(tokens[i], keyword)) return i;
  }
  return tokens.size();
}

// What the CREATE TABLE text says of a column and the pragmas do not: collation,
// AUTOINCREMENT, a generated column's expression, CHECKs.
void apply_clauses(const TableItem& item, core::SchemaColumn& column,
                   std::vector<core::SchemaConstraint>& checks) {
  for (const ColumnClause& clause : item.column_clauses()) {
    const std::vector<Token>& tokens = clause.tokens;
    if (clause.keyword == "COLLATE") {
      column.collation = clause_body(tokens, index_of_keyword(tokens, "COLLATE") + 1);
    } else if (clause.keyword == "PRIMARY" &&
               index_of_keyword(tokens, "AUTOINCREMENT") < tokens.size()) {
      column.identity = "autoincrement";
    } else if (clause.keyword == "CHECK") {
      checks.push_back({clause.constraint.value_or(""),
                        {},
                        clause_body(tokens, index_of_keyword(tokens, "CHECK") + 1)});
    } else if (clause.keyword == "GENERATED" || clause.keyword == "AS") {
      std::vector<Token> body(
          tokens.begin() + static_cast<std::ptrdiff_t>(index_of_keyword(tokens, "AS") + 1),
          tokens.end());
      column.generated_stored = !body.empty() && is_keyword(body.back(), "STORED");
      while (!body.empty() &&
             (body.back().kind == Token::Kind::space || is_keyword(body.back(), "STORED") ||
              is_keyword(body.back(), "VIRTUAL"))) {
        body.pop_back();
      }
      column.generated = clause_body(body, 0);
    }
  }
}

void read_columns(core::Connection& connection, const TableSql* sql, core::SchemaTable& table) {
  const ResultRows info = fetch(connection, "PRAGMA table_xinfo(" + literal(table.name) + ")");
  std::vector<std::pair<int, std::string>> key;
  for (const Row& row : info.rows) {
    core::SchemaColumn column;
    column.name = text(row, 1);
    column.type = text(row, 2);
    column.nullable = text(row, 3) == "0";
    column.default_sql = row.at(4);
    if (const int pk = std::stoi(text(row, 5)); pk > 0) key.emplace_back(pk, column.name);
    if (sql != nullptr) {
      for (const TableItem& item : sql->items) {
        if (item.column && util::to_lower(*item.column) == util::to_lower(column.name)) {
          apply_clauses(item, column, table.checks);
        }
      }
    }
    table.columns.push_back(std::move(column));
  }
  if (key.empty()) return;
  std::sort(key.begin(), key.end());
  core::SchemaConstraint primary_key;
  for (auto& [position, name] : key) primary_key.columns.push_back(name);
  table.primary_key = std::move(primary_key);
}

void read_table_checks(const TableSql& sql, core::SchemaTable& table) {
  for (const TableItem& item : sql.items) {
    if (item.column || item.keyword != "CHECK") continue;
    table.checks.push_back({item.constraint.value_or(""),
                            {},
                            clause_body(item.tokens, index_of_keyword(item.tokens, "CHECK") + 1)});
  }
}

std::vector<std::string> index_columns(core::Connection& connection, const std::string& index) {
  std::vector<std::string> columns;
  for (const Row& row : fetch(connection, "PRAGMA index_info(" + literal(index) + ")").rows) {
    columns.push_back(text(row, 2));
  }
  return columns;
}

// UNIQUE constraints (column or table) are automatic indexes of origin `u`.
void read_uniques(core::Connection& connection, core::SchemaTable& table) {
  for (const Row& row : fetch(connection, "PRAGMA index_list(" + literal(table.name) + ")").rows) {
    if (text(row, 3) != "u") continue;
    table.uniques.push_back({"", index_columns(connection, text(row, 1)), ""});
  }
}

void read_foreign_keys(core::Connection& connection, core::SchemaTable& table) {
  std::map<std::string, core::SchemaForeignKey> keys;
  for (const Row& row :
       fetch(connection, "PRAGMA foreign_key_list(" + literal(table.name) + ")").rows) {
    core::SchemaForeignKey& key = keys[text(row, 0)];
    key.ref_table = text(row, 2);
    key.columns.push_back(text(row, 3));
    if (row.at(4)) key.ref_columns.push_back(*row.at(4));
    key.on_update = text(row, 5);
    key.on_delete = text(row, 6);
  }
  for (auto& [id, key] : keys) table.foreign_keys.push_back(std::move(key));
}

// An explicit index from its CREATE INDEX text: the keys between the parentheses after
// `ON <table>`, and the WHERE of a partial index.
core::SchemaIndex read_index(const std::string& name, const std::string& create_sql) {
  core::SchemaIndex index;
  index.name = name;
  const std::vector<Token> tokens = tokenize(create_sql);
  index.unique = index_of_keyword(tokens, "UNIQUE") < index_of_keyword(tokens, "INDEX");
  std::size_t i = index_of_keyword(tokens, "ON");
  while (i < tokens.size() && tokens[i].text != "(") ++i;
  int depth = 0;
  std::vector<Token> key;
  for (++i; i < tokens.size(); ++i) {
    const bool punct = tokens[i].kind == Token::Kind::punct;
    if (punct && tokens[i].text == "(") ++depth;
    if (punct && tokens[i].text == ")" && depth-- == 0) break;
    if (punct && tokens[i].text == "," && depth == 0) {
      index.keys.push_back(tokens_sql(key));
      key.clear();
      continue;
    }
    key.push_back(tokens[i]);
  }
  if (!key.empty()) index.keys.push_back(tokens_sql(key));
  const std::size_t where = index_of_keyword(tokens, "WHERE");
  if (where < tokens.size()) index.where = clause_body(tokens, where + 1);
  return index;
}

bool skipped(const std::string& name, const std::vector<std::string>& skip) {
  for (const std::string& table : skip) {
    const std::string bare =
        table.substr(table.rfind('.') == std::string::npos ? 0 : table.rfind('.') + 1);
    if (name == bare) return true;
  }
  return false;
}

core::SchemaTable read_table(core::Connection& connection, const std::string& name,
                             const std::string& create_sql) {
  core::SchemaTable table;
  table.name = name;
  const std::optional<TableSql> sql = parse_create_table(create_sql);
  read_columns(connection, sql ? &*sql : nullptr, table);
  if (sql) {
    read_table_checks(*sql, table);
    table.options = upper(sql->options);
  }
  read_uniques(connection, table);
  read_foreign_keys(connection, table);
  return table;
}

}  // namespace

core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip) {
  core::Schema schema;
  const ResultRows master =
      fetch(connection,
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY name");
  // A virtual table's shadow tables (fts5's `docs_data`, ...) are its storage, made with it:
  // not tables of the schema. (Before SQLite 3.37 the pragma is unknown and returns nothing.)
  std::vector<std::string> shadows;
  for (const Row& row : fetch(connection, "PRAGMA main.table_list").rows) {
    if (text(row, 2) == "shadow") shadows.push_back(text(row, 1));
  }
  std::map<std::string, core::SchemaTable*> tables;
  for (const Row& row : master.rows) {
    const std::string type = text(row, 0), name = text(row, 1), sql = text(row, 3);
    if (type != "table" || skipped(name, skip)) continue;
    if (std::find(shadows.begin(), shadows.end(), name) != shadows.end()) continue;
    if (util::starts_with_nocase(sql, "CREATE VIRTUAL TABLE")) {
      schema.unmodeled.push_back("SQLite virtual table " + name + ": " + sql);
      continue;
    }
    schema.tables.push_back(read_table(connection, name, sql));
  }
  for (core::SchemaTable& table : schema.tables) tables[table.name] = &table;
  for (const Row& row : master.rows) {
    const std::string type = text(row, 0), name = text(row, 1), sql = text(row, 3);
    if (type == "index" && !sql.empty() && tables.count(text(row, 2)) != 0) {
      tables[text(row, 2)]->indexes.push_back(read_index(name, sql));
    } else if ((type == "view" || type == "trigger") && !skipped(text(row, 2), skip)) {
      schema.objects.push_back({type, name, sql});
    }
  }
  return schema;
}

}  // namespace forge::dialect::sqlite
