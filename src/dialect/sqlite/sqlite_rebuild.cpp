#include "dialect/sqlite/sqlite_rebuild.hpp"

#include <algorithm>

#include "dialect/render_checks.hpp"
#include "dialect/sql_writer.hpp"
#include "util/strings.hpp"

namespace forge::dialect::sqlite {

using declarative::SourceLocation;

namespace {

constexpr Dialect k_lite = Dialect::sqlite;

std::string name(const std::string& identifier) { return quote_name(identifier, k_lite); }

bool has_keyword(const std::vector<Token>& tokens, std::string_view keyword) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const Token& t) { return is_keyword(t, keyword); });
}

bool same_name(const std::string& a, const std::string& b) {
  return util::to_lower(a) == util::to_lower(b);
}

// Generated columns compute their values; they cannot be copied into.
bool is_stored_column(const TableItem& item) {
  const std::vector<ColumnClause> clauses = item.column_clauses();
  return std::none_of(clauses.begin(), clauses.end(), [](const ColumnClause& c) {
    return c.keyword == "GENERATED" || c.keyword == "AS";
  });
}

std::vector<TableItem>::iterator find_column(Rebuild& rebuild, const std::string& column,
                                             const SourceLocation& at) {
  auto& items = rebuild.definition.items;
  const auto found = std::find_if(items.begin(), items.end(), [&](const TableItem& item) {
    return item.column && same_name(*item.column, column);
  });
  if (found == items.end()) {
    refuse(at, "table '" + rebuild.table + "' has no column '" + column + "'",
           "Check the column's name against the table as the earlier units left it.");
  }
  return found;
}

// True when the index's columns or WHERE clause name `column`.
bool index_uses(const std::string& index_sql, const std::string& column) {
  const std::vector<Token> tokens = tokenize(index_sql);
  const auto open =
      std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return t.text == "("; });
  return mentions(tokens, column, static_cast<std::size_t>(open - tokens.begin()));
}

// The column definition without the clauses named `constraint`.
std::string column_without(const TableItem& item, const std::string& constraint) {
  std::vector<std::string> parts{name(*item.column), tokens_sql(item.column_type())};
  for (const ColumnClause& clause : item.column_clauses()) {
    if (!clause.constraint || !same_name(*clause.constraint, constraint))
      parts.push_back(tokens_sql(clause.tokens));
  }
  parts.erase(std::remove(parts.begin(), parts.end(), std::string()), parts.end());
  return util::join(parts, " ");
}

// The rebuild's guards: a temporary table whose CHECKs fail the unit with a readable message.
// Its first row proves foreign keys are off (with them on, DROP TABLE would delete or refuse
// the rows that reference the table); its last one that the new table's rows satisfy their
// foreign keys. PRAGMA foreign_key_check alone only returns rows, which nothing would read.
const char* const k_guard = "forge_rebuild_check";

std::vector<std::string> guard_start(const std::string& table) {
  return {"CREATE TEMP TABLE " + name(k_guard) + " (" + name("foreign_keys_off") +
              " INTEGER CONSTRAINT " + name("PRAGMA foreign_keys must be OFF to rebuild " + table) +
              " CHECK (" + name("foreign_keys_off") + "), " + name("violations") +
              " INTEGER CONSTRAINT " +
              name("foreign keys of " + table + " hold after the rebuild") + " CHECK (" +
              name("violations") + " = 0))",
          "INSERT INTO temp." + name(k_guard) + " (" + name("foreign_keys_off") +
              ") SELECT foreign_keys = 0 FROM pragma_foreign_keys"};
}

std::vector<std::string> guard_end(const std::string& table, bool has_foreign_keys) {
  std::vector<std::string> out;
  if (has_foreign_keys) {
    out.push_back("INSERT INTO temp." + name(k_guard) + " (" + name("violations") +
                  ") SELECT count(*) FROM pragma_foreign_key_check(" + quote_text(table, k_lite) +
                  ")");
  }
  out.push_back("DROP TABLE temp." + name(k_guard));
  return out;
}

// AUTOINCREMENT's counter moves to the new table (the rename carries it on), so an id of a
// deleted row is still never reused.
std::vector<std::string> keep_counter(const std::string& table, const std::string& temporary) {
  return {"DELETE FROM sqlite_sequence WHERE name = " + quote_text(temporary, k_lite),
          "INSERT INTO sqlite_sequence (name, seq) SELECT " + quote_text(temporary, k_lite) +
              ", seq FROM sqlite_sequence WHERE name = " + quote_text(table, k_lite) +
              " COLLATE NOCASE"};
}

void append(std::vector<std::string>& out, const std::vector<std::string>& more) {
  out.insert(out.end(), more.begin(), more.end());
}

}  // namespace

Rebuild start_rebuild(const std::string& table, const TableSchema& schema,
                      const SourceLocation& at) {
  std::optional<TableSql> definition = parse_create_table(schema.create_sql);
  if (schema.create_sql.empty() || !definition) {
    refuse(at, "table '" + table + "' does not exist",
           "Check the table's name against the schema the earlier units left.");
  }
  Rebuild rebuild{table, std::move(*definition), {}, schema.indexes, schema.triggers, false};
  for (const TableItem& item : rebuild.definition.items) {
    if (item.column && is_stored_column(item)) rebuild.copied_columns.push_back(*item.column);
  }
  rebuild.had_autoincrement = has_keyword(tokenize(schema.create_sql), "AUTOINCREMENT");
  return rebuild;
}

void replace_column(Rebuild& rebuild, const std::string& column,
                    const std::function<std::string(const TableItem&)>& make_sql,
                    const SourceLocation& at) {
  const auto found = find_column(rebuild, column, at);
  *found = parse_item(make_sql(*found));
}

void remove_column(Rebuild& rebuild, const std::string& column, const SourceLocation& at) {
  auto& items = rebuild.definition.items;
  items.erase(find_column(rebuild, column, at));
  if (std::none_of(items.begin(), items.end(), [](const TableItem& i) { return i.column; })) {
    refuse(at, "'" + column + "' is the only column of '" + rebuild.table + "'",
           "A table keeps at least one column: drop the table instead.");
  }
  items.erase(std::remove_if(items.begin(), items.end(),
                             [&](const TableItem& item) { return item.depends_on(column); }),
              items.end());
  auto& copied = rebuild.copied_columns;
  copied.erase(std::remove_if(copied.begin(), copied.end(),
                              [&](const std::string& c) { return same_name(c, column); }),
               copied.end());
  auto& indexes = rebuild.indexes;
  indexes.erase(std::remove_if(indexes.begin(), indexes.end(),
                               [&](const std::string& sql) { return index_uses(sql, column); }),
                indexes.end());
}

void add_column(Rebuild& rebuild, const std::string& definition_sql) {
  auto& items = rebuild.definition.items;
  const auto last_column =
      std::find_if(items.rbegin(), items.rend(), [](const TableItem& item) { return item.column; });
  items.insert(last_column.base(), parse_item(definition_sql));
}

void add_constraint(Rebuild& rebuild, const std::string& constraint_sql) {
  rebuild.definition.items.push_back(parse_item(constraint_sql));
}

void remove_constraint(Rebuild& rebuild, const std::string& constraint, const SourceLocation& at) {
  for (auto it = rebuild.definition.items.begin(); it != rebuild.definition.items.end(); ++it) {
    if (!it->column && it->constraint && same_name(*it->constraint, constraint)) {
      rebuild.definition.items.erase(it);
      return;
    }
    if (!it->column) continue;
    const std::vector<ColumnClause> clauses = it->column_clauses();
    if (std::any_of(clauses.begin(), clauses.end(), [&](const ColumnClause& c) {
          return c.constraint && same_name(*c.constraint, constraint);
        })) {
      *it = parse_item(column_without(*it, constraint));
      return;
    }
  }
  refuse(at, "table '" + rebuild.table + "' has no constraint named '" + constraint + "'",
         "SQLite knows a constraint by name only when it was created with one (addConstraint, "
         "or name: in createTable's constraints).");
}

std::vector<std::string> rebuild_statements(const Rebuild& rebuild) {
  const std::string table = name(rebuild.table);
  const std::string temporary_name = "forge_new_" + rebuild.table;
  const std::string temporary = name(temporary_name);
  std::vector<std::string> lines;
  bool has_autoincrement = false, has_foreign_keys = false;
  for (const TableItem& item : rebuild.definition.items) {
    lines.push_back(tokens_sql(item.tokens));
    has_autoincrement = has_autoincrement || has_keyword(item.tokens, "AUTOINCREMENT");
    has_foreign_keys = has_foreign_keys || has_keyword(item.tokens, "REFERENCES");
  }
  const std::string& options = rebuild.definition.options;
  const std::string columns = quote_names(rebuild.copied_columns, k_lite);
  std::vector<std::string> out = guard_start(rebuild.table);
  out.push_back("CREATE TABLE " + temporary + " (\n  " + util::join(lines, ",\n  ") + "\n)" +
                (options.empty() ? "" : " " + options));
  out.push_back("INSERT INTO " + temporary + " (" + columns + ") SELECT " + columns + " FROM " +
                table);
  if (rebuild.had_autoincrement && has_autoincrement)
    append(out, keep_counter(rebuild.table, temporary_name));
  out.push_back("DROP TABLE " + table);
  // Without legacy mode, RENAME re-checks every view and trigger, and fails on those that
  // name the table dropped a statement ago.
  append(out, {"PRAGMA legacy_alter_table = ON", "ALTER TABLE " + temporary + " RENAME TO " + table,
               "PRAGMA legacy_alter_table = OFF"});
  append(out, rebuild.indexes);
  append(out, rebuild.triggers);
  append(out, guard_end(rebuild.table, has_foreign_keys));
  return out;
}

}  // namespace forge::dialect::sqlite
