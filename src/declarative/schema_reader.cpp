#include "declarative/schema_reader.hpp"

#include <initializer_list>
#include <string_view>

#include "declarative/document.hpp"
#include "declarative/location.hpp"

namespace forge::declarative {

namespace {

using Kind = DocumentNode::Kind;

void expect(const DocumentNode& node, Kind kind, const std::string& what) {
  if (node.kind == kind) return;
  const char* shape = kind == Kind::map ? "a map" : kind == Kind::sequence ? "a list" : "text";
  fail_at(node.location, what + " must be " + shape + ", not " + describe(node));
}

// Refuses keys the dump never writes, so a typo does not drop a field silently.
void only_keys(const DocumentNode& map, std::initializer_list<std::string_view> keys,
               const std::string& what) {
  for (const MapEntry& entry : map.entries) {
    bool known = false;
    for (std::string_view key : keys) known = known || entry.key == key;
    if (!known) fail_at(entry.key_location, what + " has no field '" + entry.key + "'");
  }
}

std::string text_of(const DocumentNode& node, const std::string& what) {
  expect(node, Kind::scalar, what);
  return node.text;
}

std::string text_field(const DocumentNode& map, std::string_view key, const std::string& what) {
  const DocumentNode* node = map.find(key);
  return node ? text_of(*node, what + " " + std::string(key)) : std::string();
}

bool flag_field(const DocumentNode& map, std::string_view key, const std::string& what) {
  const DocumentNode* node = map.find(key);
  if (!node) return false;
  const std::string text = text_of(*node, what + " " + std::string(key));
  if (text == "true") return true;
  if (text == "false") return false;
  fail_at(node->location, what + " " + std::string(key) + " must be true or false");
}

std::vector<std::string> list_field(const DocumentNode& map, std::string_view key,
                                    const std::string& what) {
  std::vector<std::string> items;
  const DocumentNode* node = map.find(key);
  if (!node) return items;
  expect(*node, Kind::sequence, what + " " + std::string(key));
  for (const DocumentNode& item : node->items) items.push_back(text_of(item, what));
  return items;
}

const DocumentNode& required(const DocumentNode& map, std::string_view key,
                             const std::string& what) {
  const DocumentNode* node = map.find(key);
  if (!node) fail_at(map.location, what + " needs '" + std::string(key) + "'");
  return *node;
}

core::SchemaColumn read_column(const MapEntry& entry, const std::string& table) {
  const std::string what = "column " + table + "." + entry.key;
  const DocumentNode& map = entry.value;
  expect(map, Kind::map, what);
  only_keys(
      map,
      {"type", "notNull", "default", "identity", "generated", "stored", "collation", "comment"},
      what);
  core::SchemaColumn column;
  column.name = entry.key;
  column.type = text_of(required(map, "type", what), what + " type");
  column.nullable = !flag_field(map, "notNull", what);
  if (const DocumentNode* node = map.find("default")) column.default_sql = text_of(*node, what);
  column.identity = text_field(map, "identity", what);
  if (const DocumentNode* node = map.find("generated")) column.generated = text_of(*node, what);
  column.generated_stored = flag_field(map, "stored", what);
  column.collation = text_field(map, "collation", what);
  column.comment = text_field(map, "comment", what);
  return column;
}

core::SchemaConstraint read_constraint(const DocumentNode& map, const std::string& what) {
  expect(map, Kind::map, what);
  only_keys(map, {"name", "columns", "check"}, what);
  return {text_field(map, "name", what), list_field(map, "columns", what),
          text_field(map, "check", what)};
}

core::SchemaForeignKey read_foreign_key(const DocumentNode& map, const std::string& what) {
  expect(map, Kind::map, what);
  only_keys(map,
            {"name", "columns", "references", "refColumns", "onDelete", "onUpdate", "deferrable",
             "initiallyDeferred"},
            what);
  core::SchemaForeignKey key;
  key.name = text_field(map, "name", what);
  key.columns = list_field(map, "columns", what);
  key.ref_table = text_of(required(map, "references", what), what + " references");
  key.ref_columns = list_field(map, "refColumns", what);
  if (map.find("onDelete")) key.on_delete = text_field(map, "onDelete", what);
  if (map.find("onUpdate")) key.on_update = text_field(map, "onUpdate", what);
  key.deferrable = flag_field(map, "deferrable", what);
  key.initially_deferred = flag_field(map, "initiallyDeferred", what);
  return key;
}

core::SchemaIndex read_index(const DocumentNode& map, const std::string& what) {
  expect(map, Kind::map, what);
  only_keys(map, {"name", "unique", "keys", "where", "using"}, what);
  core::SchemaIndex index;
  index.name = text_of(required(map, "name", what), what + " name");
  index.unique = flag_field(map, "unique", what);
  index.keys = list_field(map, "keys", what);
  index.where = text_field(map, "where", what);
  index.method = text_field(map, "using", what);
  return index;
}

template <typename T, typename Read>
void read_list(const DocumentNode& table, std::string_view key, const std::string& what,
               std::vector<T>& out, Read read) {
  const DocumentNode* list = table.find(key);
  if (!list) return;
  expect(*list, Kind::sequence, what + " " + std::string(key));
  for (const DocumentNode& item : list->items) out.push_back(read(item, what));
}

core::SchemaTable read_table(const MapEntry& entry) {
  const std::string what = "table " + entry.key;
  const DocumentNode& map = entry.value;
  expect(map, Kind::map, what);
  only_keys(
      map,
      {"comment", "options", "columns", "primaryKey", "unique", "checks", "foreignKeys", "indexes"},
      what);
  core::SchemaTable table;
  table.name = entry.key;
  table.comment = text_field(map, "comment", what);
  table.options = text_field(map, "options", what);
  const DocumentNode& columns = required(map, "columns", what);
  expect(columns, Kind::map, what + " columns");
  for (const MapEntry& column : columns.entries)
    table.columns.push_back(read_column(column, entry.key));
  if (const DocumentNode* key = map.find("primaryKey")) {
    table.primary_key = read_constraint(*key, what + " primaryKey");
  }
  read_list(map, "unique", what, table.uniques, read_constraint);
  read_list(map, "checks", what, table.checks, read_constraint);
  read_list(map, "foreignKeys", what, table.foreign_keys, read_foreign_key);
  read_list(map, "indexes", what, table.indexes, read_index);
  return table;
}

core::SchemaObject read_object(const DocumentNode& map, const std::string& what) {
  expect(map, Kind::map, what);
  only_keys(map, {"kind", "name", "definition"}, what);
  return {text_of(required(map, "kind", what), what + " kind"),
          text_of(required(map, "name", what), what + " name"),
          text_of(required(map, "definition", what), what + " definition")};
}

}  // namespace

core::Schema read_schema_yaml(const std::string& text, const std::string& file) {
  const DocumentNode root = parse_document(text, file);
  expect(root, Kind::map, "a schema dump");
  only_keys(root, {"dialect", "tables", "objects", "unmodeled"}, "a schema dump");
  core::Schema schema;
  const DocumentNode& dialect = required(root, "dialect", "a schema dump");
  const auto parsed = core::parse_dialect(text_of(dialect, "dialect"));
  if (!parsed) fail_at(dialect.location, "unknown dialect '" + dialect.text + "'");
  schema.dialect = *parsed;
  if (const DocumentNode* tables = root.find("tables")) {
    expect(*tables, Kind::map, "tables");
    for (const MapEntry& entry : tables->entries) schema.tables.push_back(read_table(entry));
  }
  if (const DocumentNode* objects = root.find("objects")) {
    expect(*objects, Kind::sequence, "objects");
    for (const DocumentNode& item : objects->items) {
      schema.objects.push_back(read_object(item, "an object"));
    }
  }
  if (const DocumentNode* unmodeled = root.find("unmodeled")) {
    expect(*unmodeled, Kind::sequence, "unmodeled");
    for (const DocumentNode& item : unmodeled->items) {
      schema.unmodeled.push_back(text_of(item, "an unmodeled line"));
    }
  }
  core::canonicalize(schema);
  return schema;
}

}  // namespace forge::declarative
