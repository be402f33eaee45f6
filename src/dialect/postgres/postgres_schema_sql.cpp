// The canonical PostgreSQL dump of a schema: every object in an order that loads into an empty
// database, each statement ended by `;`, a blank line between objects.
#include <cctype>
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "dialect/postgres/postgres_introspect.hpp"

namespace forge::dialect::postgres {

namespace {

/// `name` between double quotes.
std::string quoted(const std::string& name) {
  std::string text = "\"";
  for (char c : name) text += c == '"' ? std::string("\"\"") : std::string(1, c);
  return text + "\"";
}

/// `text` as a string literal.
std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

/// Whether `c` may be part of an unquoted identifier.
bool identifier_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

/// Whether `text` mentions `name` as a whole word.
bool mentions(const std::string& text, const std::string& name) {
  for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool starts = at == 0 || !identifier_char(text[at - 1]);
    const std::size_t end = at + name.size();
    if (starts && (end == text.size() || !identifier_char(text[end]))) return true;
  }
  return false;
}

/// Writes one schema; knows its schemas, to tell `schema.name` from a name holding a dot.
class Writer {
 public:
  explicit Writer(const core::Schema& schema) : m_schema(schema) {
    for (const core::SchemaObject& object : schema.objects) {
      if (object.kind == "schema") m_schemas.insert(object.name);
      if (object.kind == "sequence") m_free_sequences.insert(object.name);
    }
  }

  /// One table's statements, as write() gives them.
  std::string write_one(const core::SchemaTable& table) {
    write_table(table);
    write_foreign_keys(table);
    write_indexes(table);
    write_comments(table);
    return m_out;
  }

  std::string write() {
    m_out = "-- forge schema dump (postgres)\n";
    for (const std::string& line : m_schema.unmodeled) m_out += "-- unmodeled: " + line + "\n";
    block("SET check_function_bodies = false");
    objects("schema");
    objects("extension");
    objects("enum");
    objects("sequence");
    write_functions(false);
    for (const core::SchemaTable& table : m_schema.tables) write_table(table);
    for (const core::SchemaTable& table : m_schema.tables) write_foreign_keys(table);
    write_functions(true);
    for (const core::SchemaTable& table : m_schema.tables) write_indexes(table);
    write_views();
    objects("trigger");
    for (const core::SchemaTable& table : m_schema.tables) write_comments(table);
    return m_out;
  }

 private:
  /// One statement and the blank line before it.
  void block(const std::string& statement) { m_out += "\n" + statement + ";\n"; }

  void objects(const std::string& kind) {
    for (const core::SchemaObject& object : m_schema.objects)
      if (object.kind == kind) block(object.definition);
  }

  /// The functions and procedures that need the tables (`late`: a table's row type in their
  /// signature, or a SQL-standard body, which is parsed when made), or the others.
  void write_functions(bool late) {
    for (const core::SchemaObject& object : m_schema.objects)
      if ((object.kind == "function" || object.kind == "procedure") && needs_tables(object) == late)
        block(object.definition);
  }

  bool needs_tables(const core::SchemaObject& function) const {
    const std::string& text = function.definition;
    if (text.find("\nBEGIN ATOMIC") != std::string::npos) return true;
    const std::string header = text.substr(0, text.find("\nAS "));
    for (const core::SchemaTable& table : m_schema.tables)
      if (mentions(header, bare_name(table.name))) return true;
    return false;
  }

  /// `name` as SQL writes it: `"schema"."name"` when it starts with one of the schemas.
  std::string name_sql(const std::string& name) const {
    const std::size_t dot = name.find('.');
    if (dot != std::string::npos && m_schemas.count(name.substr(0, dot)))
      return quoted(name.substr(0, dot)) + "." + quoted(name.substr(dot + 1));
    return quoted(name);
  }

  /// The sequence a column's default takes its values from when no free sequence is it (a
  /// serial's, which the dump makes and gives to the column): as SQL writes it, or "".
  std::string owned_sequence(const core::SchemaColumn& column) const {
    const std::string head = "nextval('", tail = "'::regclass)";
    if (!column.default_sql) return "";
    const std::string& text = *column.default_sql;
    if (text.size() <= head.size() + tail.size() || text.compare(0, head.size(), head) != 0 ||
        text.compare(text.size() - tail.size(), tail.size(), tail) != 0)
      return "";
    std::string sequence;
    const std::string inner = text.substr(head.size(), text.size() - head.size() - tail.size());
    for (std::size_t i = 0; i < inner.size(); ++i) {
      sequence += inner[i];
      if (inner[i] == '\'') ++i;
    }
    return m_free_sequences.count(unquoted(sequence)) ? "" : sequence;
  }

  /// A regclass name as read_schema names objects: parts unquoted, joined by dots.
  static std::string unquoted(const std::string& sql) {
    std::string name;
    bool in_quotes = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
      if (sql[i] == '"' && in_quotes && i + 1 < sql.size() && sql[i + 1] == '"') {
        name += '"';
        ++i;
      } else if (sql[i] == '"') {
        in_quotes = !in_quotes;
      } else {
        name += sql[i];
      }
    }
    return name;
  }

  static std::string sequence_type(const std::string& type) {
    return type == "smallint" || type == "integer" || type == "bigint" ? " AS " + type : "";
  }

  std::string column_sql(const core::SchemaColumn& column) const {
    std::string text = "  " + quoted(column.name) + " " + column.type;
    if (!column.collation.empty()) text += " COLLATE " + name_sql(column.collation);
    if (!column.nullable) text += " NOT NULL";
    if (column.default_sql) text += " DEFAULT " + *column.default_sql;
    if (!column.identity.empty()) text += " GENERATED " + upper(column.identity) + " AS IDENTITY";
    if (column.generated)
      text += " GENERATED ALWAYS AS (" + *column.generated + ")" +
              (column.generated_stored ? " STORED" : "");
    return text;
  }

  static std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  }

  static std::string columns_sql(const std::vector<std::string>& columns) {
    std::string text;
    for (const std::string& column : columns) text += (text.empty() ? "" : ", ") + quoted(column);
    return "(" + text + ")";
  }

  static std::string constraint_sql(const std::string& name, const std::string& body) {
    return "  " + (name.empty() ? "" : "CONSTRAINT " + quoted(name) + " ") + body;
  }

  void write_table(const core::SchemaTable& table) {
    std::vector<std::string> lines;
    std::vector<std::pair<std::string, std::string>> owned;  // sequence, column
    for (const core::SchemaColumn& column : table.columns) {
      lines.push_back(column_sql(column));
      const std::string sequence = owned_sequence(column);
      if (sequence.empty()) continue;
      block("CREATE SEQUENCE " + sequence + sequence_type(column.type));
      owned.emplace_back(sequence, column.name);
    }
    if (table.primary_key)
      lines.push_back(constraint_sql(table.primary_key->name,
                                     "PRIMARY KEY " + columns_sql(table.primary_key->columns)));
    for (const core::SchemaConstraint& unique : table.uniques)
      lines.push_back(constraint_sql(unique.name, "UNIQUE " + columns_sql(unique.columns)));
    for (const core::SchemaConstraint& check : table.checks)
      lines.push_back(constraint_sql(check.name, "CHECK (" + check.check + ")"));
    std::string body;
    for (const std::string& line : lines) body += (body.empty() ? "" : ",\n") + line;
    block("CREATE TABLE " + name_sql(table.name) + " (\n" + body + (body.empty() ? "" : "\n") +
          ")" + (table.options.empty() ? "" : " " + table.options));
    for (const auto& [sequence, column] : owned)
      block("ALTER SEQUENCE " + sequence + " OWNED BY " + name_sql(table.name) + "." +
            quoted(column));
  }

  void write_foreign_keys(const core::SchemaTable& table) {
    for (const core::SchemaForeignKey& key : table.foreign_keys) {
      std::string text = "ALTER TABLE " + name_sql(table.name) + " ADD " +
                         constraint_sql(key.name, "").substr(2) + "FOREIGN KEY " +
                         columns_sql(key.columns) + " REFERENCES " + name_sql(key.ref_table) + " " +
                         columns_sql(key.ref_columns);
      if (key.on_update != "NO ACTION") text += " ON UPDATE " + key.on_update;
      if (key.on_delete != "NO ACTION") text += " ON DELETE " + key.on_delete;
      if (key.deferrable) text += " DEFERRABLE";
      if (key.initially_deferred) text += " INITIALLY DEFERRED";
      block(text);
    }
  }

  void write_indexes(const core::SchemaTable& table) {
    for (const core::SchemaIndex& index : table.indexes) {
      std::string keys;
      for (const std::string& key : index.keys) keys += (keys.empty() ? "" : ", ") + key;
      std::string text = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                         quoted(index.name) + " ON " + name_sql(table.name) +
                         (index.method.empty() ? "" : " USING " + index.method) + " (" + keys + ")";
      if (!index.where.empty()) text += " WHERE " + index.where;
      block(text);
    }
  }

  /// The last part of a view's name, as its dependents' definitions mention it.
  std::string bare_name(const std::string& name) const {
    const std::size_t dot = name.find('.');
    return dot != std::string::npos && m_schemas.count(name.substr(0, dot)) ? name.substr(dot + 1)
                                                                            : name;
  }

  /// Views and materialized views, each after the ones its definition mentions.
  void write_views() {
    std::vector<const core::SchemaObject*> waiting;
    for (const core::SchemaObject& object : m_schema.objects)
      if (object.kind == "view" || object.kind == "materialized view") waiting.push_back(&object);
    while (!waiting.empty()) {
      std::size_t next = 0;
      for (std::size_t i = 0; i < waiting.size(); ++i)
        if (ready(*waiting[i], waiting)) {
          next = i;
          break;
        }
      block(waiting[next]->definition);
      waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(next));
    }
  }

  /// Whether `view` mentions none of the other `waiting` views.
  bool ready(const core::SchemaObject& view,
             const std::vector<const core::SchemaObject*>& waiting) const {
    const std::size_t as = view.definition.find(" AS");
    const std::string body = as == std::string::npos ? view.definition : view.definition.substr(as);
    for (const core::SchemaObject* other : waiting)
      if (other != &view && mentions(body, bare_name(other->name))) return false;
    return true;
  }

  void write_comments(const core::SchemaTable& table) {
    if (!table.comment.empty())
      block("COMMENT ON TABLE " + name_sql(table.name) + " IS " + literal(table.comment));
    for (const core::SchemaColumn& column : table.columns)
      if (!column.comment.empty())
        block("COMMENT ON COLUMN " + name_sql(table.name) + "." + quoted(column.name) + " IS " +
              literal(column.comment));
  }

  const core::Schema& m_schema;
  std::set<std::string> m_schemas;
  std::set<std::string> m_free_sequences;
  std::string m_out;
};

}  // namespace

std::string schema_sql(const core::Schema& schema) { return Writer(schema).write(); }

std::string table_sql(const core::Schema& schema, const core::SchemaTable& table) {
  return Writer(schema).write_one(table);
}

}  // namespace forge::dialect::postgres
