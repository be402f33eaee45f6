#include "core/schema_yaml.hpp"

#include <nlohmann/json.hpp>

#include "util/json_text.hpp"
#include "util/strings.hpp"

namespace forge::core {

namespace {

std::string quoted(const std::string& text) {
  return util::json_text(nlohmann::ordered_json(text), -1);
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::vector<std::string> parts;
  for (const std::string& item : items) parts.push_back(quoted(item));
  return "[" + util::join(parts, ", ") + "]";
}

// `{ key: value, ... }` of the fields that are set, in a fixed order.
class FlowMap {
 public:
  FlowMap& text(const char* key, const std::string& value, bool always = false) {
    if (always || !value.empty()) m_parts.push_back(std::string(key) + ": " + quoted(value));
    return *this;
  }
  FlowMap& list(const char* key, const std::vector<std::string>& values) {
    m_parts.push_back(std::string(key) + ": " + quoted_list(values));
    return *this;
  }
  FlowMap& flag(const char* key, bool value) {
    if (value) m_parts.push_back(std::string(key) + ": true");
    return *this;
  }
  std::string str() const { return "{ " + util::join(m_parts, ", ") + " }"; }

 private:
  std::vector<std::string> m_parts;
};

std::string column_line(const SchemaColumn& c) {
  FlowMap map;
  map.text("type", c.type, true).flag("notNull", !c.nullable);
  if (c.default_sql) map.text("default", *c.default_sql, true);
  map.text("identity", c.identity);
  if (c.generated) {
    map.text("generated", *c.generated, true).flag("stored", c.generated_stored);
  }
  return map.text("collation", c.collation).text("comment", c.comment).str();
}

std::string constraint_line(const SchemaConstraint& c) {
  FlowMap map;
  map.text("name", c.name);
  if (!c.columns.empty()) map.list("columns", c.columns);
  return map.text("check", c.check).str();
}

std::string foreign_key_line(const SchemaForeignKey& k) {
  return FlowMap()
      .text("name", k.name)
      .list("columns", k.columns)
      .text("references", k.ref_table, true)
      .list("refColumns", k.ref_columns)
      .text("onDelete", k.on_delete)
      .text("onUpdate", k.on_update)
      .flag("deferrable", k.deferrable)
      .flag("initiallyDeferred", k.initially_deferred)
      .str();
}

std::string index_line(const SchemaIndex& i) {
  return FlowMap()
      .text("name", i.name, true)
      .flag("unique", i.unique)
      .list("keys", i.keys)
      .text("where", i.where)
      .text("using", i.method)
      .str();
}

template <typename T, typename Line>
void write_list(std::string& out, const char* key, const std::vector<T>& items, Line line) {
  if (items.empty()) return;
  out += std::string("    ") + key + ":\n";
  for (const T& item : items) out += "      - " + line(item) + "\n";
}

void write_table(std::string& out, const SchemaTable& table) {
  out += "  " + quoted(table.name) + ":\n";
  if (!table.comment.empty()) out += "    comment: " + quoted(table.comment) + "\n";
  if (!table.options.empty()) out += "    options: " + quoted(table.options) + "\n";
  out += "    columns:\n";
  for (const SchemaColumn& column : table.columns) {
    out += "      " + quoted(column.name) + ": " + column_line(column) + "\n";
  }
  if (table.primary_key) out += "    primaryKey: " + constraint_line(*table.primary_key) + "\n";
  write_list(out, "unique", table.uniques, constraint_line);
  write_list(out, "checks", table.checks, constraint_line);
  write_list(out, "foreignKeys", table.foreign_keys, foreign_key_line);
  write_list(out, "indexes", table.indexes, index_line);
}

}  // namespace

std::string schema_yaml(const Schema& schema) {
  std::string out = "# forge schema dump\ndialect: " + std::string(dialect_name(schema.dialect)) +
                    "\ntables:" + (schema.tables.empty() ? " {}\n" : "\n");
  for (const SchemaTable& table : schema.tables) write_table(out, table);
  if (!schema.objects.empty()) {
    out += "objects:\n";
    for (const SchemaObject& object : schema.objects) {
      out += "  - " +
             FlowMap()
                 .text("kind", object.kind, true)
                 .text("name", object.name, true)
                 .text("definition", object.definition, true)
                 .str() +
             "\n";
    }
  }
  if (!schema.unmodeled.empty()) {
    out += "# objects forge cannot model, not in this dump:\nunmodeled:\n";
    for (const std::string& line : schema.unmodeled) out += "  - " + quoted(line) + "\n";
  }
  return out;
}

}  // namespace forge::core
