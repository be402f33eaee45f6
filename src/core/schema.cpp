#include "core/schema.hpp"

#include <algorithm>
#include <tuple>

namespace forge::core {

namespace {

template <typename T, typename Key>
void sort_by(std::vector<T>& items, Key key) {
  std::sort(items.begin(), items.end(), [&](const T& a, const T& b) { return key(a) < key(b); });
}

auto column_fields(const SchemaColumn& c) {
  return std::tie(c.name, c.type, c.nullable, c.default_sql, c.identity, c.generated,
                  c.generated_stored, c.collation, c.comment);
}

auto foreign_key_fields(const SchemaForeignKey& k) {
  return std::tie(k.name, k.columns, k.ref_table, k.ref_columns, k.on_delete, k.on_update,
                  k.deferrable, k.initially_deferred);
}

auto table_fields(const SchemaTable& t) {
  return std::tie(t.name, t.columns, t.primary_key, t.uniques, t.checks, t.foreign_keys, t.indexes,
                  t.comment, t.options);
}

void canonicalize(SchemaTable& table) {
  sort_by(table.uniques, [](const SchemaConstraint& c) { return std::tie(c.name, c.columns); });
  sort_by(table.checks, [](const SchemaConstraint& c) { return std::tie(c.name, c.check); });
  sort_by(table.foreign_keys,
          [](const SchemaForeignKey& k) { return std::tie(k.name, k.columns, k.ref_table); });
  sort_by(table.indexes, [](const SchemaIndex& i) { return std::tie(i.name, i.keys); });
}

}  // namespace

void canonicalize(Schema& schema) {
  for (SchemaTable& table : schema.tables) canonicalize(table);
  sort_by(schema.tables, [](const SchemaTable& t) { return std::tie(t.name); });
  sort_by(schema.objects, [](const SchemaObject& o) { return std::tie(o.kind, o.name); });
  std::sort(schema.unmodeled.begin(), schema.unmodeled.end());
}

bool operator==(const SchemaColumn& a, const SchemaColumn& b) {
  return column_fields(a) == column_fields(b);
}

bool operator==(const SchemaConstraint& a, const SchemaConstraint& b) {
  return std::tie(a.name, a.columns, a.check) == std::tie(b.name, b.columns, b.check);
}

bool operator==(const SchemaForeignKey& a, const SchemaForeignKey& b) {
  return foreign_key_fields(a) == foreign_key_fields(b);
}

bool operator==(const SchemaIndex& a, const SchemaIndex& b) {
  return std::tie(a.name, a.unique, a.keys, a.where, a.method) ==
         std::tie(b.name, b.unique, b.keys, b.where, b.method);
}

bool operator==(const SchemaTable& a, const SchemaTable& b) {
  return table_fields(a) == table_fields(b);
}

bool operator==(const SchemaObject& a, const SchemaObject& b) {
  return std::tie(a.kind, a.name, a.definition) == std::tie(b.kind, b.name, b.definition);
}

bool operator==(const Schema& a, const Schema& b) {
  return std::tie(a.dialect, a.tables, a.objects, a.unmodeled) ==
         std::tie(b.dialect, b.tables, b.objects, b.unmodeled);
}

}  // namespace forge::core
