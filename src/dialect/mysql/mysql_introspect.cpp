#include "dialect/mysql/mysql_introspect.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "util/strings.hpp"

// Reads a MariaDB/MySQL database's schema from information_schema and the SHOW CREATE
// statements, leaving out what differs between two databases built the same way: definers,
// AUTO_INCREMENT counters, row counts, the database's own name inside definitions.
//
// Choices that make a dump load back to the same schema:
// - "no default" and `DEFAULT NULL` read the same (nullopt): MariaDB gives a nullable column
//   without a default the default NULL. String literals keep their quotes (`'active'`).
// - `ON UPDATE <expr>` (EXTRA) is kept in default_sql after the default: `current_timestamp()
//   ON UPDATE current_timestamp()` (`NULL ON UPDATE ...` without a default), which is what
//   follows DEFAULT in a column definition.
// - Unique keys and the primary key come from STATISTICS (the same keys TABLE_CONSTRAINTS
//   lists, with their prefix lengths): a unique key on plain ascending B-tree columns is a
//   unique constraint, any other unique key (prefix, DESC, HASH) a unique index.
// - A JSON column reads as MariaDB stores it: longtext, utf8mb4_bin, and its json_valid check.

namespace forge::dialect::mysql {

namespace {

using Row = std::vector<std::optional<std::string>>;

/// The rows of one catalog query.
std::vector<Row> fetch(core::Connection& connection, const std::string& sql) {
  return connection.fetch(core::Statement{sql, "<catalog>", 1, nullptr}).rows;
}

/// Column `i` of `row` as text, "" for NULL.
std::string text(const Row& row, std::size_t i) {
  return i < row.size() && row[i] ? *row[i] : std::string();
}

/// `name` backquoted as one identifier (dots kept inside).
std::string quote(const std::string& name) {
  std::string quoted = "`";
  for (char c : name) quoted += c == '`' ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

/// `text` with every `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

/// True when the lowercase form of `text` contains `needle` (lowercase).
bool contains_nocase(const std::string& text, const std::string& needle) {
  return util::to_lower(text).find(needle) != std::string::npos;
}

/// The tables left out: history tables (bare or `db.table`) and forge's Galera lease table.
class SkipList {
 public:
  SkipList(const std::vector<std::string>& skip, const std::string& database) {
    for (const std::string& entry : skip) {
      const std::size_t dot = entry.rfind('.');
      if (dot != std::string::npos && unquoted(entry.substr(0, dot)) != database) continue;
      const std::string bare = unquoted(dot == std::string::npos ? entry : entry.substr(dot + 1));
      m_names.insert(bare);
    }
    m_names.insert("forge_lock");  // the Galera lease lock's table (galera_lease_lock.cpp)
  }
  /// Whether table `name` of the current database is left out.
  bool skipped(const std::string& name) const { return m_names.count(name) > 0; }

 private:
  static std::string unquoted(const std::string& name) {
    if (name.size() >= 2 && name.front() == '`' && name.back() == '`') {
      return name.substr(1, name.size() - 2);
    }
    return name;
  }
  std::set<std::string> m_names;
};

/// The reader: one pass over each catalog view, filling `m_schema`.
class Reader {
 public:
  Reader(core::Connection& connection, const std::vector<std::string>& skip)
      : m_connection(connection),
        m_database(text(fetch(connection, "SELECT DATABASE()").at(0), 0)),
        m_skip(skip, m_database) {}

  core::Schema read() {
    read_tables();
    read_columns();
    read_keys();
    read_checks();
    read_foreign_keys();
    read_views();
    read_triggers();
    read_routines();
    read_events();
    for (auto& entry : m_tables) m_schema.tables.push_back(std::move(entry.second));
    m_schema.dialect = core::Dialect::mysql;
    return std::move(m_schema);
  }

 private:
  /// The table `name` when it is one read (not skipped, not a view), else nullptr.
  core::SchemaTable* table(const std::string& name) {
    auto found = m_tables.find(name);
    return found == m_tables.end() ? nullptr : &found->second;
  }

  /// `definition` without the current database's qualifier on names.
  std::string unqualified(const std::string& definition) const {
    return replace_all(definition, quote(m_database) + ".", "");
  }

  void read_tables() {
    for (const Row& row : fetch(m_connection,
                                "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, "
                                "CREATE_OPTIONS, TABLE_COMMENT FROM information_schema.TABLES "
                                "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
      const std::string name = text(row, 0);
      const std::string type = text(row, 1);
      if (m_skip.skipped(name) || type == "VIEW") continue;
      if (type == "SEQUENCE") {
        m_schema.unmodeled.push_back("MySQL sequence " + name);
        continue;
      }
      if (type == "SYSTEM VERSIONED") {
        m_schema.unmodeled.push_back("MySQL system versioning of table " + name);
      } else if (type != "BASE TABLE") {
        m_schema.unmodeled.push_back("MySQL " + util::to_lower(type) + " " + name);
        continue;
      }
      core::SchemaTable& table = m_tables[name];
      table.name = name;
      table.comment = text(row, 5);
      table.options = table_options(name, text(row, 2), text(row, 3), text(row, 4));
      m_collations[name] = text(row, 3);
    }
  }

  /// ENGINE, charset and collation, then the CREATE_OPTIONS worth keeping (row format, ...);
  /// partitioning is listed as unmodeled.
  std::string table_options(const std::string& name, const std::string& engine,
                            const std::string& collation, const std::string& create_options) {
    std::string options;
    if (!engine.empty()) options = "ENGINE=" + engine;
    if (!collation.empty()) {
      const std::string charset = collation.substr(0, collation.find('_'));
      options += (options.empty() ? "" : " ") + std::string("DEFAULT CHARSET=") + charset +
                 " COLLATE=" + collation;
    }
    for (const std::string& option : util::split(create_options, ' ')) {
      if (option.empty()) continue;
      if (option == "partitioned") {
        m_schema.unmodeled.push_back("MySQL partitioning of table " + name);
      } else {
        options += " " + option;
      }
    }
    return options;
  }

  void read_columns() {
    for (const Row& row :
         fetch(m_connection,
               "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, "
               "GENERATION_EXPRESSION, COLLATION_NAME, COLUMN_COMMENT FROM "
               "information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, "
               "ORDINAL_POSITION")) {
      core::SchemaTable* owner = table(text(row, 0));
      if (owner == nullptr) continue;
      owner->columns.push_back(column(row, m_collations[owner->name]));
    }
  }

  core::SchemaColumn column(const Row& row, const std::string& table_collation) {
    core::SchemaColumn column;
    column.name = text(row, 1);
    column.type = text(row, 2);
    column.nullable = text(row, 3) == "YES";
    if (row[4] && *row[4] != "NULL") column.default_sql = *row[4];
    const std::string extra = text(row, 5);
    if (contains_nocase(extra, "auto_increment")) column.identity = "auto_increment";
    if (contains_nocase(extra, "generated")) {
      column.generated = text(row, 6);
      column.generated_stored = contains_nocase(extra, "stored generated");
    }
    const std::size_t on_update = util::to_lower(extra).find("on update ");
    if (on_update != std::string::npos) {
      std::string expression = extra.substr(on_update + 10);
      expression = expression.substr(0, expression.find(' '));
      column.default_sql = column.default_sql.value_or("NULL") + " ON UPDATE " + expression;
    }
    if (contains_nocase(extra, "invisible")) {
      m_schema.unmodeled.push_back("MySQL invisible column " + text(row, 0) + "." + column.name);
    }
    const std::string collation = text(row, 7);
    if (!collation.empty() && collation != table_collation) column.collation = collation;
    column.comment = text(row, 8);
    return column;
  }

  /// Primary key, unique keys and indexes, from STATISTICS.
  void read_keys() {
    struct Key {
      std::string table, name, type;
      bool unique = false, plain = true;
      std::vector<std::string> columns, keys;
    };
    std::vector<Key> keys;
    for (const Row& row : fetch(m_connection,
                                "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, "
                                "COLLATION, INDEX_TYPE, INDEX_COMMENT FROM "
                                "information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                                "ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
      if (table(text(row, 0)) == nullptr) continue;
      if (keys.empty() || keys.back().table != text(row, 0) || keys.back().name != text(row, 1)) {
        keys.push_back(
            {text(row, 0), text(row, 1), text(row, 6), text(row, 2) == "0", true, {}, {}});
        if (!text(row, 7).empty()) {
          m_schema.unmodeled.push_back("MySQL comment on index " + text(row, 0) + "." +
                                       text(row, 1) + ": " + text(row, 7));
        }
      }
      Key& key = keys.back();
      std::string part = text(row, 3);
      key.columns.push_back(part);
      if (!text(row, 4).empty()) part += "(" + text(row, 4) + ")";
      if (text(row, 5) == "D") part += " DESC";
      key.plain = key.plain && part == key.columns.back() && key.type == "BTREE";
      key.keys.push_back(part);
    }
    for (Key& key : keys) {
      core::SchemaTable& owner = *table(key.table);
      if (key.name == "PRIMARY") {
        owner.primary_key = core::SchemaConstraint{key.name, key.columns, ""};
      } else if (key.unique && key.plain) {
        owner.uniques.push_back({key.name, key.columns, ""});
      } else {
        const std::string method = key.type == "BTREE" ? "" : key.type;
        owner.indexes.push_back({key.name, key.unique, key.keys, "", method});
      }
    }
  }

  void read_checks() {
    for (const Row& row : fetch(m_connection,
                                "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM "
                                "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = "
                                "DATABASE() ORDER BY TABLE_NAME, CONSTRAINT_NAME")) {
      core::SchemaTable* owner = table(text(row, 0));
      if (owner != nullptr) owner->checks.push_back({text(row, 1), {}, text(row, 2)});
    }
  }

  /// Foreign keys; then drops the index InnoDB made for one (named as the foreign key).
  void read_foreign_keys() {
    for (const Row& row :
         fetch(m_connection,
               "SELECT rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.REFERENCED_TABLE_NAME, "
               "rc.UPDATE_RULE, rc.DELETE_RULE, k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME, "
               "k.REFERENCED_TABLE_SCHEMA FROM information_schema.REFERENTIAL_CONSTRAINTS rc JOIN "
               "information_schema.KEY_COLUMN_USAGE k ON k.CONSTRAINT_SCHEMA = "
               "rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME AND k.CONSTRAINT_NAME = "
               "rc.CONSTRAINT_NAME WHERE rc.CONSTRAINT_SCHEMA = DATABASE() ORDER BY "
               "rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
      core::SchemaTable* owner = table(text(row, 0));
      if (owner == nullptr) continue;
      auto& keys = owner->foreign_keys;
      if (keys.empty() || keys.back().name != text(row, 1)) {
        core::SchemaForeignKey key;
        key.name = text(row, 1);
        key.ref_table = text(row, 7) == m_database || text(row, 7).empty()
                            ? text(row, 2)
                            : text(row, 7) + "." + text(row, 2);
        key.on_update = text(row, 3);
        key.on_delete = text(row, 4);
        keys.push_back(key);
      }
      keys.back().columns.push_back(text(row, 5));
      keys.back().ref_columns.push_back(text(row, 6));
    }
    for (auto& entry : m_tables) drop_foreign_key_indexes(entry.second);
  }

  static void drop_foreign_key_indexes(core::SchemaTable& table) {
    std::set<std::string> names;
    for (const auto& key : table.foreign_keys) names.insert(key.name);
    auto& indexes = table.indexes;
    indexes.erase(std::remove_if(indexes.begin(), indexes.end(),
                                 [&](const core::SchemaIndex& index) {
                                   return !index.unique && index.method.empty() &&
                                          names.count(index.name) > 0;
                                 }),
                  indexes.end());
  }

  void read_views() {
    for (const Row& row : fetch(m_connection,
                                "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE "
                                "TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")) {
      const std::string name = text(row, 0);
      if (m_skip.skipped(name)) continue;
      const auto shown = fetch(m_connection, "SHOW CREATE VIEW " + quote(name));
      std::string definition = text(shown.at(0), 1);
      definition =
          std::regex_replace(definition, std::regex("^CREATE ALGORITHM=UNDEFINED "), "CREATE ");
      definition = without_definer(definition);
      definition = replace_all(definition, " SQL SECURITY DEFINER VIEW ", " VIEW ");
      m_schema.objects.push_back({"view", name, unqualified(definition)});
    }
  }

  /// `definition` without its `DEFINER=user@host ` clause.
  static std::string without_definer(const std::string& definition) {
    static const std::regex definer("DEFINER=`(?:[^`]|``)*`(?:@`(?:[^`]|``)*`)? ");
    return std::regex_replace(definition, definer, "", std::regex_constants::format_first_only);
  }

  /// Triggers, rebuilt from their parts (no definer); one after another on the same event says
  /// FOLLOWS the one before.
  void read_triggers() {
    std::string previous, previous_event;
    for (const Row& row :
         fetch(m_connection,
               "SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, "
               "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
               "DATABASE() ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
               "ACTION_ORDER")) {
      const std::string on = text(row, 3);
      if (table(on) == nullptr) continue;
      const std::string event = on + " " + text(row, 1) + " " + text(row, 2);
      std::string definition = "CREATE TRIGGER " + quote(text(row, 0)) + " " + text(row, 1) + " " +
                               text(row, 2) + " ON " + quote(on) + " FOR EACH ROW ";
      if (event == previous_event) definition += "FOLLOWS " + quote(previous) + " ";
      definition += text(row, 4);
      m_schema.objects.push_back({"trigger", text(row, 0), unqualified(definition)});
      previous = text(row, 0);
      previous_event = event;
    }
  }

  void read_routines() {
    for (const Row& row :
         fetch(m_connection,
               "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES "
               "WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY ROUTINE_TYPE, "
               "ROUTINE_NAME")) {
      const std::string name = text(row, 0);
      const std::string type = text(row, 1);
      if (type != "FUNCTION" && type != "PROCEDURE") {
        m_schema.unmodeled.push_back("MySQL " + util::to_lower(type) + " " + name);
        continue;
      }
      const auto shown = fetch(m_connection, "SHOW CREATE " + type + " " + quote(name));
      const std::string definition = without_definer(text(shown.at(0), 2));
      m_schema.objects.push_back({util::to_lower(type), name, unqualified(definition)});
    }
  }

  void read_events() {
    for (const Row& row : fetch(m_connection,
                                "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE "
                                "EVENT_SCHEMA = DATABASE() ORDER BY EVENT_NAME")) {
      m_schema.unmodeled.push_back("MySQL event " + text(row, 0));
    }
  }

  core::Connection& m_connection;
  std::string m_database;
  SkipList m_skip;
  core::Schema m_schema;
  std::map<std::string, core::SchemaTable> m_tables;
  std::map<std::string, std::string> m_collations;  // table -> its default collation
};

}  // namespace

core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip) {
  return Reader(connection, skip).read();
}

}  // namespace forge::dialect::mysql
