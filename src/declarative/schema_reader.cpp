#include "declarative/schema_reader.hpp"

#include <string_view>

#include "declarative/document.hpp"
#include "declarative/fields.hpp"
#include "declarative/location.hpp"

namespace forge::declarative {

namespace {

using Kind = DocumentNode::Kind;

void expect(const DocumentNode& node, Kind kind, const std::string& what) {
  if (node.kind == kind) return;
  const char* shape = kind == Kind::map ? "a map" : kind == Kind::sequence ? "a list" : "text";
  fail_at(node.location, what + " must be " + shape + ", not " + describe(node));
}

std::string text_of(const DocumentNode& node, const std::string& what) {
  expect(node, Kind::scalar, what);
  return node.text;
}

// The dump's maps are read through Fields: it refuses keys the dump never writes (so a typo
// does not drop a field silently) and reports what is missing at the map.
Fields fields_of(const DocumentNode& map, const std::string& what,
                 std::vector<std::string_view> keys) {
  return Fields(map, what, map.location, std::move(keys));
}

std::string text(const Fields& fields, std::string_view key) {
  const DocumentNode* node = fields.find(key);
  return node ? text_of(*node, fields.describe_key(key)) : std::string();
}

std::string required_text(const Fields& fields, std::string_view key) {
  return text_of(fields.required(key), fields.describe_key(key));
}

std::vector<std::string> texts(const Fields& fields, std::string_view key) {
  std::vector<std::string> items;
  const DocumentNode* node = fields.find(key);
  if (!node) return items;
  expect(*node, Kind::sequence, fields.describe_key(key));
  for (const DocumentNode& item : node->items) {
    items.push_back(text_of(item, fields.describe_key(key)));
  }
  return items;
}

core::SchemaColumn read_column(const MapEntry& entry, const std::string& table) {
  const Fields fields = fields_of(
      entry.value, "column " + table + "." + entry.key,
      {"type", "notNull", "default", "identity", "generated", "stored", "collation", "comment"});
  core::SchemaColumn column;
  column.name = entry.key;
  column.type = required_text(fields, "type");
  column.nullable = !fields.flag("notNull");
  if (fields.find("default")) column.default_sql = text(fields, "default");
  column.identity = text(fields, "identity");
  if (fields.find("generated")) column.generated = text(fields, "generated");
  column.generated_stored = fields.flag("stored");
  column.collation = text(fields, "collation");
  column.comment = text(fields, "comment");
  return column;
}

core::SchemaConstraint read_constraint(const DocumentNode& map, const std::string& what) {
  const Fields fields = fields_of(map, what, {"name", "columns", "check"});
  return {text(fields, "name"), texts(fields, "columns"), text(fields, "check")};
}

core::SchemaForeignKey read_foreign_key(const DocumentNode& map, const std::string& what) {
  const Fields fields = fields_of(map, what,
                                  {"name", "columns", "references", "refColumns", "onDelete",
                                   "onUpdate", "deferrable", "initiallyDeferred"});
  core::SchemaForeignKey key;
  key.name = text(fields, "name");
  key.columns = texts(fields, "columns");
  key.ref_table = required_text(fields, "references");
  key.ref_columns = texts(fields, "refColumns");
  if (fields.find("onDelete")) key.on_delete = text(fields, "onDelete");
  if (fields.find("onUpdate")) key.on_update = text(fields, "onUpdate");
  key.deferrable = fields.flag("deferrable");
  key.initially_deferred = fields.flag("initiallyDeferred");
  return key;
}

core::SchemaIndex read_index(const DocumentNode& map, const std::string& what) {
  const Fields fields = fields_of(map, what, {"name", "unique", "keys", "where", "using"});
  core::SchemaIndex index;
  index.name = required_text(fields, "name");
  index.unique = fields.flag("unique");
  index.keys = texts(fields, "keys");
  index.where = text(fields, "where");
  index.method = text(fields, "using");
  return index;
}

template <typename T, typename Read>
void read_list(const Fields& table, std::string_view key, std::vector<T>& out, Read read) {
  const DocumentNode* list = table.find(key);
  if (!list) return;
  expect(*list, Kind::sequence, table.describe_key(key));
  for (const DocumentNode& item : list->items) out.push_back(read(item, table.describe_key(key)));
}

core::SchemaTable read_table(const MapEntry& entry) {
  const Fields fields = fields_of(entry.value, "table " + entry.key,
                                  {"comment", "options", "columns", "primaryKey", "unique",
                                   "checks", "foreignKeys", "indexes"});
  core::SchemaTable table;
  table.name = entry.key;
  table.comment = text(fields, "comment");
  table.options = text(fields, "options");
  const DocumentNode& columns = fields.required("columns");
  expect(columns, Kind::map, fields.describe_key("columns"));
  for (const MapEntry& column : columns.entries)
    table.columns.push_back(read_column(column, entry.key));
  if (const DocumentNode* key = fields.find("primaryKey")) {
    table.primary_key = read_constraint(*key, fields.describe_key("primaryKey"));
  }
  read_list(fields, "unique", table.uniques, read_constraint);
  read_list(fields, "checks", table.checks, read_constraint);
  read_list(fields, "foreignKeys", table.foreign_keys, read_foreign_key);
  read_list(fields, "indexes", table.indexes, read_index);
  return table;
}

core::SchemaObject read_object(const DocumentNode& map, const std::string& what) {
  const Fields fields = fields_of(map, what, {"kind", "name", "definition"});
  return {required_text(fields, "kind"), required_text(fields, "name"),
          required_text(fields, "definition")};
}

}  // namespace

core::Schema read_schema_yaml(const std::string& text, const std::string& file) {
  const DocumentNode root = parse_document(text, file);
  const Fields fields =
      fields_of(root, "a schema dump", {"dialect", "tables", "objects", "unmodeled"});
  core::Schema schema;
  const DocumentNode& dialect = fields.required("dialect");
  const auto parsed = core::parse_dialect(text_of(dialect, "dialect"));
  if (!parsed) fail_at(dialect.location, "unknown dialect '" + dialect.text + "'");
  schema.dialect = *parsed;
  if (const DocumentNode* tables = fields.find("tables")) {
    expect(*tables, Kind::map, "tables");
    for (const MapEntry& entry : tables->entries) schema.tables.push_back(read_table(entry));
  }
  if (const DocumentNode* objects = fields.find("objects")) {
    expect(*objects, Kind::sequence, "objects");
    for (const DocumentNode& item : objects->items) {
      schema.objects.push_back(read_object(item, "an object"));
    }
  }
  if (const DocumentNode* unmodeled = fields.find("unmodeled")) {
    expect(*unmodeled, Kind::sequence, "unmodeled");
    for (const DocumentNode& item : unmodeled->items) {
      schema.unmodeled.push_back(text_of(item, "an unmodeled line"));
    }
  }
  core::canonicalize(schema);
  return schema;
}

}  // namespace forge::declarative
