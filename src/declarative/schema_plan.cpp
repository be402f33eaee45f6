#include "declarative/schema_plan.hpp"

#include <algorithm>
#include <cctype>

#include "core/errors.hpp"
#include "declarative/schema_plan_objects.hpp"
#include "declarative/schema_plan_ops.hpp"

namespace forge::declarative {

namespace {

namespace ops = plan_ops;

const char* k_rename_hint =
    "Name it as the current schema does on the left of =, as the desired one does on the right.";

// One step of the unit: its up operations, the down operations that undo them, and why it is
// destructive ("" when it is not).
struct Step {
  std::string up;
  std::string down;
  std::string destructive;
  std::string down_destructive;
};

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

template <typename T>
T* find_named(std::vector<T>& items, const std::string& name) {
  for (T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

template <typename T>
bool contains(const std::vector<T>& items, const T& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

void rename_in(std::vector<std::string>& names, const std::string& from, const std::string& to) {
  for (std::string& name : names) {
    if (name == from) name = to;
    if (name == from + " DESC") name = to + " DESC";
  }
}

class Planner {
 public:
  Planner(const core::Schema& current, const core::Schema& desired, TableSql table_sql)
      : m_current(current),
        m_desired(desired),
        m_dialect(desired.dialect),
        m_table_sql(std::move(table_sql)) {}

  SchemaPlan run(const std::vector<SchemaRename>& renames) {
    for (const SchemaRename& rename : renames) {
      if (rename.table.empty()) rename_table(rename);
    }
    for (const SchemaRename& rename : renames) {
      if (!rename.table.empty()) rename_column(rename);
    }
    drop_dependents();
    replace_types();
    for (const core::SchemaTable& table : m_current.tables) {
      const auto* wanted = find_named(m_desired.tables, table.name);
      if (wanted && !qualified(table)) drop_keys(table, *wanted);
    }
    create_tables();
    for (const core::SchemaTable& table : m_current.tables) {
      const auto* wanted = find_named(m_desired.tables, table.name);
      if (wanted && changeable(table, *wanted)) {
        change_columns(table, *wanted);
        add_keys(table, *wanted);
      }
    }
    drop_tables();
    drop_types();
    create_dependents();
    return finish();
  }

 private:
  void add(std::string up, std::string down, std::string destructive = "",
           std::string down_destructive = "") {
    m_steps.push_back(
        {std::move(up), std::move(down), std::move(destructive), std::move(down_destructive)});
  }

  void rename_table(const SchemaRename& rename) {
    core::SchemaTable* table = find_named(m_current.tables, rename.from);
    if (!table)
      throw UsageError("--rename: the current schema has no table '" + rename.from + "'",
                       k_rename_hint);
    if (!find_named(m_desired.tables, rename.to)) {
      throw UsageError("--rename: the desired schema has no table '" + rename.to + "'",
                       k_rename_hint);
    }
    table->name = rename.to;
    for (core::SchemaTable& other : m_current.tables) {
      for (core::SchemaForeignKey& key : other.foreign_keys) {
        if (key.ref_table == rename.from) key.ref_table = rename.to;
      }
    }
    add(ops::rename_table(rename.from, rename.to), ops::rename_table(rename.to, rename.from));
  }

  void rename_column(const SchemaRename& rename) {
    const std::string name = rename.table + "." + rename.from;
    core::SchemaTable* table = find_named(m_current.tables, rename.table);
    core::SchemaColumn* column = table ? find_named(table->columns, rename.from) : nullptr;
    if (!column)
      throw UsageError("--rename: the current schema has no column '" + name + "'", k_rename_hint);
    const auto* wanted = find_named(m_desired.tables, rename.table);
    if (!wanted || !find_named(wanted->columns, rename.to)) {
      throw UsageError(
          "--rename: the desired schema has no column '" + rename.table + "." + rename.to + "'",
          k_rename_hint);
    }
    column->name = rename.to;
    if (table->primary_key) rename_in(table->primary_key->columns, rename.from, rename.to);
    for (auto& unique : table->uniques) rename_in(unique.columns, rename.from, rename.to);
    for (auto& key : table->foreign_keys) rename_in(key.columns, rename.from, rename.to);
    for (auto& index : table->indexes) rename_in(index.keys, rename.from, rename.to);
    for (core::SchemaTable& other : m_current.tables) {
      for (core::SchemaForeignKey& key : other.foreign_keys) {
        if (key.ref_table == rename.table) rename_in(key.ref_columns, rename.from, rename.to);
      }
    }
    add(ops::rename_column(rename.table, rename.from, rename.to),
        ops::rename_column(rename.table, rename.to, rename.from));
  }

  void drop_dependents() {
    auto gone = changed_objects(m_current, m_desired, false);
    for (auto object = gone.rbegin(); object != gone.rend(); ++object) {
      const bool kept = find_named(m_desired.objects, (*object)->name) != nullptr;
      add(ops::drop_object(**object, m_dialect), ops::create_object(**object, m_dialect),
          kept ? "" : "drops " + (*object)->kind + " " + (*object)->name);
    }
  }

  void create_dependents() {
    for (const core::SchemaObject* object : changed_objects(m_desired, m_current, false))
      add(ops::create_object(*object, m_dialect), ops::drop_object(*object, m_dialect));
  }

  // New types, and changed ones replaced (an enum given more labels gains them in place).
  void replace_types() {
    for (const core::SchemaObject* object : changed_objects(m_desired, m_current, true)) {
      const auto* had = find_named(m_current.objects, object->name);
      const std::string added = had ? ops::add_enum_values(*had, *object, m_dialect) : "";
      if (!added.empty()) {
        m_plan.unsupported.push_back("removing the labels added to enum " + object->name +
                                     " in the down (PostgreSQL cannot remove enum labels)");
        add(added, "");
        continue;
      }
      if (had) add(ops::drop_object(*had, m_dialect), ops::create_object(*had, m_dialect));
      add(ops::create_object(*object, m_dialect), ops::drop_object(*object, m_dialect));
    }
  }

  void drop_types() {
    auto gone = changed_objects(m_current, m_desired, true);
    for (auto object = gone.rbegin(); object != gone.rend(); ++object) {
      if (find_named(m_desired.objects, (*object)->name)) continue;  // replaced before the tables
      add(ops::drop_object(**object, m_dialect), ops::create_object(**object, m_dialect),
          "drops " + (*object)->kind + " " + (*object)->name);
    }
  }

  bool sqlite() const { return m_dialect == core::Dialect::sqlite; }

  void drop_constraint(const std::string& table, const std::string& name, const std::string& up,
                       const std::string& down, const std::string& what) {
    if (name.empty()) {
      m_plan.unsupported.push_back("removing the unnamed " + what + " on " + table);
      return;
    }
    add(up, down);
  }

  void drop_keys(const core::SchemaTable& table, const core::SchemaTable& wanted) {
    const std::string& t = table.name;
    for (const auto& key : table.foreign_keys) {
      if (contains(wanted.foreign_keys, key)) continue;
      drop_constraint(t, key.name, ops::remove_constraint(t, key.name),
                      ops::add_foreign_key(t, key), "foreign key");
    }
    for (const auto& check : table.checks) {
      if (contains(wanted.checks, check)) continue;
      if (sqlite() || check.name.empty()) {
        m_plan.unsupported.push_back("removing the check (" + check.check + ") on " + t);
        continue;
      }
      add(ops::drop_check(t, check, m_dialect), ops::add_check(t, check, m_dialect));
    }
    for (const auto& unique : table.uniques) {
      if (contains(wanted.uniques, unique)) continue;
      drop_constraint(t, unique.name, ops::remove_constraint(t, unique.name),
                      ops::add_unique(t, unique), "unique constraint");
    }
    for (const auto& index : table.indexes) {
      if (contains(wanted.indexes, index)) continue;
      add(ops::remove_index(t, index, m_dialect), ops::add_index(t, index, m_dialect));
    }
    if (table.primary_key && !sqlite() && !(table.primary_key == wanted.primary_key)) {
      drop_constraint(t, table.primary_key->name,
                      ops::remove_constraint(t, table.primary_key->name),
                      ops::add_primary_key(t, *table.primary_key), "primary key");
    }
  }

  void add_keys(const core::SchemaTable& table, const core::SchemaTable& wanted) {
    const std::string& t = wanted.name;
    if (!(table.primary_key == wanted.primary_key)) {
      if (sqlite()) {
        m_plan.unsupported.push_back("changing the primary key of " + t +
                                     " (SQLite rebuilds the table for it)");
      } else if (wanted.primary_key) {
        const std::string name = wanted.primary_key->name;
        add(ops::add_primary_key(t, *wanted.primary_key),
            ops::remove_constraint(t, name.empty() ? "PRIMARY" : name));
      }
    }
    for (const auto& unique : wanted.uniques) {
      if (contains(table.uniques, unique)) continue;
      if (unique.name.empty()) {
        m_plan.unsupported.push_back("adding an unnamed unique constraint on " + t);
        continue;
      }
      add(ops::add_unique(t, unique), ops::remove_constraint(t, unique.name));
    }
    add_checks(table.checks, wanted);
    for (const auto& key : wanted.foreign_keys) {
      if (contains(table.foreign_keys, key)) continue;
      if (key.name.empty()) {
        m_plan.unsupported.push_back("adding an unnamed foreign key on " + t);
        continue;
      }
      add(ops::add_foreign_key(t, key), ops::remove_constraint(t, key.name));
    }
    add_indexes(table.indexes, wanted);
  }

  void add_checks(const std::vector<core::SchemaConstraint>& had, const core::SchemaTable& wanted) {
    for (const auto& check : wanted.checks) {
      if (contains(had, check)) continue;
      if (sqlite() || check.name.empty()) {
        m_plan.unsupported.push_back("adding the check (" + check.check + ") on " + wanted.name);
        continue;
      }
      add(ops::add_check(wanted.name, check, m_dialect),
          ops::drop_check(wanted.name, check, m_dialect));
    }
  }

  void add_indexes(const std::vector<core::SchemaIndex>& had, const core::SchemaTable& wanted) {
    for (const auto& index : wanted.indexes) {
      if (contains(had, index)) continue;
      add(ops::add_index(wanted.name, index, m_dialect),
          ops::remove_index(wanted.name, index, m_dialect));
    }
  }

  // The tables of `names` in an order where each comes after the tables it references.
  std::vector<const core::SchemaTable*> in_dependency_order(
      std::vector<const core::SchemaTable*> tables) const {
    std::vector<const core::SchemaTable*> ordered;
    while (!tables.empty()) {
      auto ready = std::find_if(tables.begin(), tables.end(), [&](const core::SchemaTable* t) {
        return std::none_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const auto& key) {
          return key.ref_table != t->name &&
                 std::any_of(tables.begin(), tables.end(),
                             [&](const core::SchemaTable* o) { return o->name == key.ref_table; });
        });
      });
      if (ready == tables.end()) ready = tables.begin();  // a cycle: keep the given order
      ordered.push_back(*ready);
      tables.erase(ready);
    }
    return ordered;
  }

  // A table outside the current schema (`billing.invoices`): the declarative operations name
  // one identifier, so it is made and dropped by its SQL.
  static bool qualified(const core::SchemaTable& table) {
    return table.name.find('.') != std::string::npos;
  }

  // A column the declarative attributes cannot say: generated, or with its own collation.
  static bool unsayable(const core::SchemaColumn& column) {
    return column.generated.has_value() || !column.collation.empty();
  }

  // True for options every table of the database gets anyway: none, or MySQL's engine, character
  // set and collation (which createTable takes from the database, as the dump's source did).
  bool plain_options(const std::string& options) const {
    if (m_dialect != core::Dialect::mysql) return options.empty();
    std::size_t start = 0;
    while (start < options.size()) {
      std::size_t end = options.find(' ', start);
      if (end == std::string::npos) end = options.size();
      const std::string word = options.substr(start, end - start);
      const bool known = word == "DEFAULT" || word.rfind("ENGINE=InnoDB", 0) == 0 ||
                         word.rfind("CHARSET=", 0) == 0 || word.rfind("COLLATE=", 0) == 0;
      if (!known) return false;
      start = end + 1;
    }
    return true;
  }

  // True when createTable (with sql steps for checks and indexes) makes the table exactly: no
  // table options (partitioning, storage), comment, generated or collated column, or
  // deferrable foreign key. Any other is made by its SQL when there is a table_sql.
  bool declarable(const core::SchemaTable& table) const {
    const bool plain = !qualified(table) && plain_options(table.options) && table.comment.empty() &&
                       std::none_of(table.columns.begin(), table.columns.end(), unsayable) &&
                       std::none_of(table.foreign_keys.begin(), table.foreign_keys.end(),
                                    [](const auto& key) { return key.deferrable; });
    return plain || !m_table_sql;
  }

  // True when the table's changes can be written; a changed table outside the current schema is
  // listed instead.
  bool changeable(const core::SchemaTable& table, const core::SchemaTable& wanted) {
    if (!qualified(table)) return true;
    if (!(table == wanted)) m_plan.unsupported.push_back("changing " + table.name);
    return false;
  }

  // The SQL steps making `table`, or "" (and a note) without a table_sql.
  std::string table_sql_steps(const core::SchemaTable& table) {
    if (!m_table_sql) {
      m_plan.unsupported.push_back("making or dropping " + table.name);
      return "";
    }
    return ops::sql_steps(m_table_sql(table), m_dialect);
  }

  void create_tables() {
    std::vector<const core::SchemaTable*> created;
    for (const core::SchemaTable& table : m_desired.tables) {
      if (!find_named(m_current.tables, table.name)) created.push_back(&table);
    }
    for (const core::SchemaTable* table : in_dependency_order(created)) {
      if (!declarable(*table) || qualified(*table)) {
        const std::string make = table_sql_steps(*table);
        if (!make.empty()) {
          add(make, ops::drop_table_sql(table->name, m_dialect), "",
              "drops table " + table->name + " and its rows");
        }
        continue;
      }
      add(ops::create_table(*table, m_dialect), ops::drop_table(table->name), "",
          "drops table " + table->name + " and its rows");
      add_checks({}, *table);
      add_indexes({}, *table);
    }
  }

  void drop_tables() {
    std::vector<const core::SchemaTable*> dropped;
    for (const core::SchemaTable& table : m_current.tables) {
      if (!find_named(m_desired.tables, table.name)) dropped.push_back(&table);
    }
    auto ordered = in_dependency_order(dropped);
    std::reverse(ordered.begin(), ordered.end());
    for (const core::SchemaTable* table : ordered) {
      if (!declarable(*table) || qualified(*table)) {
        const std::string make = table_sql_steps(*table);
        if (!make.empty()) {
          add(ops::drop_table_sql(table->name, m_dialect), make,
              "drops table " + table->name + " and its rows");
        }
        continue;
      }
      std::string down = ops::create_table(*table, m_dialect);
      for (const auto& index : table->indexes)
        down += ops::add_index(table->name, index, m_dialect);
      add(ops::drop_table(table->name), down, "drops table " + table->name + " and its rows");
    }
  }

  void change_columns(const core::SchemaTable& table, const core::SchemaTable& wanted) {
    const std::string& t = wanted.name;
    for (const core::SchemaColumn& column : wanted.columns) {
      const core::SchemaColumn* had = find_named(table.columns, column.name);
      if (!had && unsayable(column)) {
        m_plan.unsupported.push_back("adding the generated or collated column " + t + "." +
                                     column.name);
      } else if (!had) {
        add(ops::add_column(t, column, m_dialect), ops::remove_column(t, column.name), "",
            "drops column " + t + "." + column.name + " and its data");
      } else if (!(*had == column)) {
        change_column(t, *had, column);
      }
    }
    for (const core::SchemaColumn& column : table.columns) {
      if (find_named(wanted.columns, column.name)) continue;
      add(ops::remove_column(t, column.name), ops::add_column(t, column, m_dialect),
          "drops column " + t + "." + column.name + " and its data");
    }
  }

  void change_column(const std::string& t, const core::SchemaColumn& had,
                     const core::SchemaColumn& column) {
    const std::string name = t + "." + column.name;
    if (had.identity != column.identity || had.generated != column.generated ||
        had.generated_stored != column.generated_stored || had.collation != column.collation) {
      m_plan.unsupported.push_back("changing the identity, generation or collation of " + name);
    }
    if (had.type == column.type && had.nullable == column.nullable &&
        had.default_sql == column.default_sql && had.comment == column.comment) {
      return;
    }
    std::string why, back;
    if (had.type != column.type) {
      if (!is_widening(had.type, column.type)) {
        why = "changes the type of " + name + " from " + had.type + " to " + column.type +
              " (may lose data)";
      }
      if (!is_widening(column.type, had.type)) {
        back = "changes the type of " + name + " back to " + had.type + " (may lose data)";
      }
    }
    if (had.nullable && !column.nullable) {
      why += std::string(why.empty() ? "" : "; ") + "makes " + name +
             " NOT NULL (fails while a row holds NULL there)";
    }
    if (!had.nullable && column.nullable) {
      back += std::string(back.empty() ? "" : "; ") + "makes " + name +
              " NOT NULL again (fails while a row holds NULL there)";
    }
    add(ops::change_column(t, column, m_dialect), ops::change_column(t, had, m_dialect), why, back);
  }

  SchemaPlan finish() {
    if (m_steps.empty()) return std::move(m_plan);
    std::string text =
        "# Generated by forge migration:generate --from-schema: takes the schema the earlier "
        "units\n"
        "# make to the desired one. Review it before running it: renames are never guessed.\n";
    for (const std::string& line : m_plan.unsupported)
      text += "# NOTE: not generated: " + line + "\n";
    text += "up:\n";
    for (const Step& step : m_steps) {
      if (!step.destructive.empty()) {
        text += "  # DESTRUCTIVE: " + step.destructive + "\n";
        m_plan.destructive.push_back(step.destructive);
      }
      text += step.up;
    }
    const bool no_down = std::all_of(m_steps.begin(), m_steps.end(),
                                     [](const Step& step) { return step.down.empty(); });
    text += no_down ? "down: []\n" : "down:\n";
    for (auto step = m_steps.rbegin(); step != m_steps.rend(); ++step) {
      if (!step->down_destructive.empty())
        text += "  # DESTRUCTIVE: " + step->down_destructive + "\n";
      text += step->down;
    }
    m_plan.yaml = std::move(text);
    return std::move(m_plan);
  }

  core::Schema m_current;  // with the renames applied
  const core::Schema& m_desired;
  core::Dialect m_dialect;
  TableSql m_table_sql;
  std::vector<Step> m_steps;
  SchemaPlan m_plan;
};

}  // namespace

SchemaPlan plan_schema_change(const core::Schema& current, const core::Schema& desired,
                              const std::vector<SchemaRename>& renames, const TableSql& table_sql) {
  return Planner(current, desired, table_sql).run(renames);
}

}  // namespace forge::declarative
