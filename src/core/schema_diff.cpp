#include "core/schema_diff.hpp"

#include <functional>
#include <map>

#include "util/strings.hpp"

namespace forge::core {

namespace {

using Kind = SchemaChange::Kind;

std::string list_text(const std::vector<std::string>& items) {
  return "(" + util::join(items, ", ") + ")";
}

void field(std::vector<std::string>& details, const char* name, const std::string& from,
           const std::string& to) {
  if (from != to) {
    details.push_back(std::string(name) + ": " + (from.empty() ? "none" : from) + " -> " +
                      (to.empty() ? "none" : to));
  }
}

std::string optional_text(const std::optional<std::string>& text) { return text.value_or(""); }

std::vector<std::string> column_details(const SchemaColumn& a, const SchemaColumn& b) {
  std::vector<std::string> details;
  field(details, "type", a.type, b.type);
  field(details, "null", a.nullable ? "allowed" : "not null", b.nullable ? "allowed" : "not null");
  field(details, "default", optional_text(a.default_sql), optional_text(b.default_sql));
  field(details, "identity", a.identity, b.identity);
  field(details, "generated",
        a.generated ? *a.generated + (a.generated_stored ? " stored" : " virtual") : "",
        b.generated ? *b.generated + (b.generated_stored ? " stored" : " virtual") : "");
  field(details, "collation", a.collation, b.collation);
  field(details, "comment", a.comment, b.comment);
  return details;
}

std::string foreign_key_text(const SchemaForeignKey& k) {
  return list_text(k.columns) + " -> " + k.ref_table + list_text(k.ref_columns) + " on delete " +
         k.on_delete + " on update " + k.on_update + (k.deferrable ? " deferrable" : "") +
         (k.initially_deferred ? " initially deferred" : "");
}

std::string index_text(const SchemaIndex& i) {
  return std::string(i.unique ? "unique " : "") + list_text(i.keys) +
         (i.where.empty() ? "" : " where " + i.where) +
         (i.method.empty() ? "" : " using " + i.method);
}

// Pairs up the items of two lists by key and reports each added, removed or different one.
template <typename T>
void compare(const std::vector<T>& from, const std::vector<T>& to,
             const std::function<std::string(const T&)>& key,
             const std::function<std::vector<std::string>(const T&, const T&)>& details,
             const std::string& object, const std::string& suffix, std::vector<SchemaChange>& out) {
  std::map<std::string, const T*> old_items, new_items;
  for (const T& item : from) old_items[key(item)] = &item;
  for (const T& item : to) new_items[key(item)] = &item;
  for (const auto& [name, item] : old_items) {
    const auto other = new_items.find(name);
    if (other == new_items.end()) {
      out.push_back({Kind::removed, object, name + suffix, {}});
    } else if (auto changed = details(*item, *other->second); !changed.empty()) {
      out.push_back({Kind::changed, object, name + suffix, std::move(changed)});
    }
  }
  for (const auto& [name, item] : new_items) {
    if (old_items.count(name) == 0) out.push_back({Kind::added, object, name + suffix, {}});
  }
}

// A constraint the database keeps unnamed (SQLite) is known by what it covers.
std::string constraint_key(const SchemaConstraint& c) {
  return c.name.empty() ? (c.check.empty() ? list_text(c.columns) : "(" + c.check + ")") : c.name;
}

void diff_table(const SchemaTable& a, const SchemaTable& b, std::vector<SchemaChange>& out) {
  const std::string on = " on " + a.name;
  compare<SchemaColumn>(
      a.columns, b.columns, [&](const SchemaColumn& c) { return a.name + "." + c.name; },
      column_details, "column", "", out);
  std::vector<std::string> key_details;
  field(key_details, "columns", a.primary_key ? list_text(a.primary_key->columns) : "",
        b.primary_key ? list_text(b.primary_key->columns) : "");
  if (!key_details.empty()) out.push_back({Kind::changed, "primary key", a.name, key_details});
  const auto no_details = [](const SchemaConstraint&, const SchemaConstraint&) {
    return std::vector<std::string>{};
  };
  compare<SchemaConstraint>(a.uniques, b.uniques, constraint_key, no_details, "unique", on, out);
  compare<SchemaConstraint>(
      a.checks, b.checks, constraint_key,
      [](const SchemaConstraint& x, const SchemaConstraint& y) {
        std::vector<std::string> d;
        field(d, "check", x.check, y.check);
        return d;
      },
      "check", on, out);
  compare<SchemaForeignKey>(
      a.foreign_keys, b.foreign_keys,
      [](const SchemaForeignKey& k) { return k.name.empty() ? foreign_key_text(k) : k.name; },
      [](const SchemaForeignKey& x, const SchemaForeignKey& y) {
        std::vector<std::string> d;
        field(d, "definition", foreign_key_text(x), foreign_key_text(y));
        return d;
      },
      "foreign key", on, out);
  compare<SchemaIndex>(
      a.indexes, b.indexes, [](const SchemaIndex& i) { return i.name; },
      [](const SchemaIndex& x, const SchemaIndex& y) {
        std::vector<std::string> d;
        field(d, "definition", index_text(x), index_text(y));
        return d;
      },
      "index", on, out);
  std::vector<std::string> table_details;
  field(table_details, "comment", a.comment, b.comment);
  field(table_details, "options", a.options, b.options);
  if (!table_details.empty()) out.push_back({Kind::changed, "table", a.name, table_details});
}

}  // namespace

std::vector<SchemaChange> diff_schemas(const Schema& from, const Schema& to) {
  std::vector<SchemaChange> out;
  std::map<std::string, const SchemaTable*> old_tables, new_tables;
  for (const SchemaTable& t : from.tables) old_tables[t.name] = &t;
  for (const SchemaTable& t : to.tables) new_tables[t.name] = &t;
  for (const auto& [name, table] : old_tables) {
    const auto other = new_tables.find(name);
    if (other == new_tables.end()) {
      out.push_back({Kind::removed, "table", name, {}});
    } else {
      diff_table(*table, *other->second, out);
    }
  }
  for (const auto& [name, table] : new_tables) {
    if (old_tables.count(name) == 0) out.push_back({Kind::added, "table", name, {}});
  }
  std::map<std::string, std::pair<std::vector<SchemaObject>, std::vector<SchemaObject>>> kinds;
  for (const SchemaObject& o : from.objects) kinds[o.kind].first.push_back(o);
  for (const SchemaObject& o : to.objects) kinds[o.kind].second.push_back(o);
  for (const auto& [kind, objects] : kinds) {
    compare<SchemaObject>(
        objects.first, objects.second, [](const SchemaObject& o) { return o.name; },
        [](const SchemaObject& x, const SchemaObject& y) {
          std::vector<std::string> d;
          field(d, "definition", x.definition, y.definition);
          return d;
        },
        kind, "", out);
  }
  compare<std::string>(
      from.unmodeled, to.unmodeled, [](const std::string& line) { return line; },
      [](const std::string&, const std::string&) { return std::vector<std::string>{}; },
      "unmodeled", "", out);
  return out;
}

std::string kind_name(SchemaChange::Kind kind) {
  switch (kind) {
    case Kind::added:
      return "added";
    case Kind::removed:
      return "removed";
    case Kind::changed:
      return "changed";
  }
  return "";
}

std::string changes_text(const std::vector<SchemaChange>& changes) {
  std::string out;
  for (const SchemaChange& change : changes) {
    const char mark = change.kind == Kind::added ? '+' : change.kind == Kind::removed ? '-' : '~';
    out += std::string(1, mark) + " " + change.object + " " + change.name + "\n";
    for (const std::string& detail : change.details) out += "    " + detail + "\n";
  }
  return out;
}

}  // namespace forge::core
