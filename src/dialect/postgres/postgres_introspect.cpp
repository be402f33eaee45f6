// PostgreSQL's schema read from pg_catalog: tables with their columns, constraints and indexes,
// then every other object of the non-system schemas; what the model cannot hold is listed.
#include "dialect/postgres/postgres_introspect.hpp"

#include <map>
#include <set>

namespace forge::dialect::postgres {

namespace {

using Rows = std::vector<std::vector<std::string>>;

/// The schemas that hold the user's objects.
const char* const k_user_namespace =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' "
    "AND n.nspname NOT LIKE 'pg\\_temp%'";

/// `nspname.object` outside the current schema, `object` in it.
std::string name_sql(const std::string& object) {
  return "CASE WHEN n.nspname = current_schema() THEN " + object + " ELSE n.nspname || '.' || " +
         object + " END";
}

/// The same name as SQL writes it, quoted where needed.
std::string quoted_name_sql(const std::string& object) {
  return "CASE WHEN n.nspname = current_schema() THEN quote_ident(" + object +
         ") ELSE quote_ident(n.nspname) || '.' || quote_ident(" + object + ") END";
}

/// True when no extension owns the object `oid` of catalog `catalog`.
std::string not_extension_sql(const std::string& catalog, const std::string& oid) {
  return "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" + catalog +
         "'::regclass AND e.objid = " + oid + " AND e.deptype = 'e')";
}

/// The user's relations of the given kinds (`'r', 'p'`): columns oid, name, nspname, relname,
/// and whether it is in the current schema.
std::string relations_sql(const std::string& kinds) {
  return "SELECT c.oid, " + name_sql("c.relname") +
         " AS name, n.nspname, c.relname, n.nspname = current_schema() AS current, c.relkind FROM "
         "pg_class c JOIN "
         "pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN (" +
         kinds + ") AND NOT c.relispartition AND " + k_user_namespace + " AND " +
         not_extension_sql("pg_class", "c.oid");
}

/// The oids of the tables in the user's schemas, as a subquery.
std::string user_tables_sql() {
  return std::string(
             "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = "
             "c.relnamespace WHERE c.relkind IN ('r', 'p') AND ") +
         k_user_namespace + ")";
}

/// `text` split at the unit separator (chr(31)); none for "".
std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  if (text.empty()) return items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find('\x1f', start);
    items.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return items;
    start = end + 1;
  }
}

/// `text` on one line.
std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

std::string without_trailing(std::string text, const std::string& chars) {
  while (!text.empty() && chars.find(text.back()) != std::string::npos) text.pop_back();
  return text;
}

/// Reads one schema; owns the table lookup by oid the per-table queries fill.
class Reader {
 public:
  Reader(core::Connection& connection, const std::vector<std::string>& skip)
      : m_connection(connection), m_skip(skip.begin(), skip.end()) {}

  core::Schema read() {
    read_tables();
    read_columns();
    read_constraints();
    read_indexes();
    read_index_keys();
    read_schemas();
    read_extensions();
    read_enums();
    read_sequences();
    read_views();
    read_functions();
    read_triggers();
    read_unmodeled();
    return std::move(m_schema);
  }

 private:
  Rows rows(const std::string& sql) { return m_connection.query(sql, {}, "the schema catalog"); }

  /// Whether the table `relname` of schema `nspname` is one to leave out (a history table).
  bool skipped(const std::string& nspname, const std::string& relname, bool current) const {
    return (current && m_skip.count(relname)) || m_skip.count(nspname + "." + relname);
  }

  core::SchemaTable* table(const std::string& oid) {
    const auto found = m_tables.find(oid);
    return found == m_tables.end() ? nullptr : &m_schema.tables[found->second];
  }

  /// The name of a relation of ours (table or view), "" for one left out.
  std::string relation_name(const std::string& oid) const {
    const auto found = m_relation_names.find(oid);
    return found == m_relation_names.end() ? "" : found->second;
  }

  void read_tables() {
    const Rows found = rows(
        "SELECT t.*, coalesce(obj_description(t.oid, 'pg_class'), ''), concat_ws(' ', 'PARTITION "
        "BY ' || pg_get_partkeydef(t.oid), 'WITH (' || array_to_string(c.reloptions, ', ') || "
        "')') FROM (" +
        relations_sql("'r', 'p'") + ") t JOIN pg_class c ON c.oid = t.oid ORDER BY 2");
    for (const auto& row : found) {
      if (skipped(row[2], row[3], row[4] == "t")) continue;
      core::SchemaTable table;
      table.name = row[1];
      table.comment = row[6];
      table.options = row[7];
      m_tables[row[0]] = m_schema.tables.size();
      m_relation_names[row[0]] = row[1];
      m_schema.tables.push_back(std::move(table));
    }
  }

  void read_columns() {
    const Rows found = rows(R"(
SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       ad.adbin IS NOT NULL, coalesce(pg_get_expr(ad.adbin, ad.adrelid), ''), a.attidentity,
       a.attgenerated,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         CASE WHEN cn.nspname IN ('pg_catalog', current_schema()) THEN co.collname
              ELSE cn.nspname || '.' || co.collname END ELSE '' END,
       coalesce(col_description(a.attrelid, a.attnum), '')
FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND a.attrelid IN )" + user_tables_sql() +
                            " ORDER BY a.attrelid, a.attnum");
    for (const auto& row : found) {
      core::SchemaTable* owner = table(row[0]);
      if (!owner) continue;
      core::SchemaColumn column;
      column.name = row[1];
      column.type = row[2];
      column.nullable = row[3] != "t";
      if (row[7] == "s") {
        column.generated = row[5];
        column.generated_stored = true;
      } else if (row[4] == "t") {
        column.default_sql = row[5];
      }
      column.identity = row[6] == "a" ? "always" : row[6] == "d" ? "by default" : "";
      column.collation = row[8];
      column.comment = row[9];
      owner->columns.push_back(std::move(column));
    }
  }

  static std::string action(const std::string& code) {
    if (code == "c") return "CASCADE";
    if (code == "n") return "SET NULL";
    if (code == "d") return "SET DEFAULT";
    if (code == "r") return "RESTRICT";
    return "NO ACTION";
  }

  void read_constraints() {
    const Rows found = rows(R"(
SELECT con.conrelid, con.contype, con.conname,
       array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord), chr(31)),
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid) ELSE '' END,
       coalesce(CASE WHEN n.nspname = current_schema() THEN rc.relname
                     ELSE n.nspname || '.' || rc.relname END, ''),
       array_to_string(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord), chr(31)),
       con.confdeltype, con.confupdtype, con.condeferrable, con.condeferred,
       pg_get_constraintdef(con.oid),
       CASE WHEN con.contype IN ('p', 'u') AND con.condeferrable THEN 'deferrable'
            WHEN NOT con.convalidated THEN 'not valid'
            WHEN con.contype = 'c' AND con.connoinherit THEN 'no inherit'
            WHEN con.contype = 'f' AND con.confmatchtype <> 's' THEN 'match full'
            WHEN con.contype = 'f' AND pg_get_constraintdef(con.oid) ~ 'ON DELETE SET (NULL|DEFAULT) \('
              THEN 'set columns'
            WHEN con.contype = 'u' AND pg_get_constraintdef(con.oid) LIKE 'UNIQUE NULLS NOT DISTINCT%'
              THEN 'nulls not distinct' ELSE '' END
FROM pg_constraint con
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
LEFT JOIN pg_namespace n ON n.oid = rc.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND con.conrelid IN )" +
                            user_tables_sql() + " ORDER BY con.conrelid, con.conname");
    for (const auto& row : found) {
      core::SchemaTable* owner = table(row[0]);
      if (!owner) continue;
      const std::string& type = row[1];
      if (!row[12].empty())
        unmodeled("PostgreSQL " + row[12] + " constraint \"" + row[2] + "\" on " + owner->name +
                  ": " + row[11]);
      core::SchemaConstraint constraint{row[2], split_list(row[3]), row[4]};
      if (type == "p") {
        owner->primary_key = std::move(constraint);
      } else if (type == "u") {
        owner->uniques.push_back(std::move(constraint));
      } else if (type == "c") {
        owner->checks.push_back(std::move(constraint));
      } else if (type == "f") {
        owner->foreign_keys.push_back({row[2], split_list(row[3]), row[5], split_list(row[6]),
                                       action(row[7]), action(row[8]), row[9] == "t",
                                       row[10] == "t"});
      } else {
        unmodeled("PostgreSQL exclusion constraint " + row[2] + " on " + owner->name + ": " +
                  row[11]);
      }
    }
  }

  void read_indexes() {
    const Rows found = rows(R"(
SELECT i.indrelid, ic.relname, i.indisunique, CASE WHEN am.amname = 'btree' THEN '' ELSE am.amname END,
       coalesce(pg_get_expr(i.indpred, i.indrelid), ''), i.indexrelid, i.indnatts > i.indnkeyatts,
       pg_get_indexdef(i.indexrelid)
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class c ON c.oid = i.indrelid AND c.oid IN )" +
                            user_tables_sql() + R"(
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
                  AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname)");
    for (const auto& row : found) {
      core::SchemaTable* owner = table(row[0]);
      if (!owner) continue;
      core::SchemaIndex index;
      index.name = row[1];
      index.unique = row[2] == "t";
      index.method = row[3];
      index.where = row[4];
      m_indexes[row[5]] = {m_tables[row[0]], owner->indexes.size()};
      owner->indexes.push_back(std::move(index));
      if (row[6] == "t") unmodeled("PostgreSQL index with INCLUDE columns: " + row[7]);
    }
  }

  void read_index_keys() {
    const Rows found = rows(R"(
SELECT i.indexrelid, pg_get_indexdef(i.indexrelid, k, true), i.indkey[k - 1] = 0,
       i.indoption[k - 1], opc.opcdefault,
       CASE WHEN pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname)
            ELSE quote_ident(on_.nspname) || '.' || quote_ident(opc.opcname) END,
       CASE WHEN i.indcollation[k - 1] <> 0 AND i.indcollation[k - 1] <> coalesce(a.attcollation, 100)
            THEN quote_ident(co.collname) ELSE '' END
FROM pg_index i CROSS JOIN LATERAL generate_series(1, i.indnkeyatts) k
JOIN pg_class c ON c.oid = i.indrelid AND c.oid IN )" +
                            user_tables_sql() + R"(
JOIN pg_opclass opc ON opc.oid = i.indclass[k - 1]
JOIN pg_namespace on_ ON on_.oid = opc.opcnamespace
LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]
LEFT JOIN pg_collation co ON co.oid = i.indcollation[k - 1]
ORDER BY i.indexrelid, k)");
    for (const auto& row : found) {
      const auto found_index = m_indexes.find(row[0]);
      if (found_index == m_indexes.end()) continue;
      const auto [table_at, index_at] = found_index->second;
      m_schema.tables[table_at].indexes[index_at].keys.push_back(index_key(row));
    }
  }

  /// One key as CREATE INDEX writes it: `(expression)` or a column, then its collation,
  /// operator class and order where not the defaults.
  static std::string index_key(const std::vector<std::string>& row) {
    std::string key = row[2] == "t" ? "(" + row[1] + ")" : row[1];
    if (!row[6].empty()) key += " COLLATE " + row[6];
    if (row[4] != "t") key += " " + row[5];
    const int option = std::stoi(row[3]);
    const bool descending = (option & 1) != 0;
    const bool nulls_first = (option & 2) != 0;
    if (descending) key += nulls_first ? " DESC" : " DESC NULLS LAST";
    if (!descending && nulls_first) key += " NULLS FIRST";
    return key;
  }

  void read_schemas() {
    const Rows found = rows(std::string("SELECT n.nspname, quote_ident(n.nspname) FROM "
                                        "pg_namespace n WHERE ") +
                            k_user_namespace + " AND n.nspname <> current_schema() AND " +
                            not_extension_sql("pg_namespace", "n.oid") + " ORDER BY 1");
    for (const auto& row : found)
      m_schema.objects.push_back({"schema", row[0], "CREATE SCHEMA IF NOT EXISTS " + row[1]});
  }

  void read_extensions() {
    const Rows found = rows(
        "SELECT x.extname, CASE WHEN n.nspname = current_schema() THEN '' ELSE ' SCHEMA ' || "
        "quote_ident(n.nspname) END FROM pg_extension x JOIN pg_namespace n ON n.oid = "
        "x.extnamespace WHERE x.extname <> 'plpgsql' ORDER BY 1");
    for (const auto& row : found)
      m_schema.objects.push_back(
          {"extension", row[0], "CREATE EXTENSION IF NOT EXISTS \"" + row[0] + "\"" + row[1]});
  }

  void read_enums() {
    const Rows found = rows(
        "SELECT " + name_sql("t.typname") + ", 'CREATE TYPE ' || " + quoted_name_sql("t.typname") +
        " || ' AS ENUM (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ', ' "
        "ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')' "
        "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = "
        "'e' AND " +
        k_user_namespace + " AND " + not_extension_sql("pg_type", "t.oid"));
    for (const auto& row : found) m_schema.objects.push_back({"enum", row[0], row[1]});
  }

  void read_sequences() {
    const Rows found = rows(
        "SELECT " + name_sql("c.relname") + ", 'CREATE SEQUENCE ' || " +
        quoted_name_sql("c.relname") +
        " || ' AS ' || format_type(s.seqtypid, NULL) || ' INCREMENT BY ' || s.seqincrement || "
        "' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' START WITH ' || s.seqstart || "
        "' CACHE ' || s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON "
        "s.seqrelid = c.oid WHERE c.relkind = 'S' AND " +
        k_user_namespace + " AND " + not_extension_sql("pg_class", "c.oid") +
        " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND "
        "d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))");
    for (const auto& row : found) m_schema.objects.push_back({"sequence", row[0], row[1]});
  }

  void read_views() {
    const Rows found = rows("SELECT v.oid, v.name, v.relkind, " + quoted_name_sql("v.relname") +
                            ", pg_get_viewdef(v.oid, true) FROM (" + relations_sql("'v', 'm'") +
                            ") v JOIN pg_namespace n ON n.nspname = v.nspname");
    for (const auto& row : found) {
      const bool materialized = row[2] == "m";
      m_relation_names[row[0]] = row[1];
      m_schema.objects.push_back(
          {materialized ? "materialized view" : "view", row[1],
           std::string(materialized ? "CREATE MATERIALIZED VIEW " : "CREATE VIEW ") + row[3] +
               " AS\n" + without_trailing(row[4], "; \n")});
    }
  }

  void read_functions() {
    const Rows found =
        rows("SELECT " + name_sql("p.proname") +
             " || '(' || oidvectortypes(p.proargtypes) || ')', p.prokind, CASE WHEN "
             "p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE '' END FROM pg_proc p "
             "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " +
             std::string(k_user_namespace) + " AND " + not_extension_sql("pg_proc", "p.oid"));
    for (const auto& row : found) {
      if (row[1] == "f" || row[1] == "p")
        m_schema.objects.push_back(
            {row[1] == "f" ? "function" : "procedure", row[0], without_trailing(row[2], " \n")});
      else
        unmodeled(std::string("PostgreSQL ") + (row[1] == "a" ? "aggregate " : "window function ") +
                  row[0]);
    }
  }

  void read_triggers() {
    for (const auto& row : rows("SELECT t.tgrelid, t.tgname, pg_get_triggerdef(t.oid, true) FROM "
                                "pg_trigger t WHERE NOT t.tgisinternal")) {
      const std::string owner = relation_name(row[0]);
      if (!owner.empty()) m_schema.objects.push_back({"trigger", row[1] + " on " + owner, row[2]});
    }
  }

  /// Adds one line of what the model cannot hold.
  void unmodeled(const std::string& line) { m_schema.unmodeled.push_back(one_line(line)); }

  /// Lists `sql`'s rows (relation oid, text) whose relation is ours, as `prefix` text.
  void unmodeled_on(const std::string& prefix, const std::string& sql) {
    for (const auto& row : rows(sql)) {
      const std::string owner = relation_name(row[0]);
      if (!owner.empty()) unmodeled(prefix + row[1] + " on " + owner);
    }
  }

  /// Lists `sql`'s rows (one text column each) as `prefix` text.
  void unmodeled_all(const std::string& prefix, const std::string& sql) {
    for (const auto& row : rows(sql)) unmodeled(prefix + row[0]);
  }

  void read_unmodeled() {
    unmodeled_on("PostgreSQL policy ", "SELECT polrelid, polname FROM pg_policy");
    unmodeled_on("PostgreSQL row level security",
                 "SELECT oid, CASE WHEN relforcerowsecurity THEN ' (forced)' ELSE '' END FROM "
                 "pg_class WHERE relrowsecurity");
    unmodeled_on("PostgreSQL rule ",
                 "SELECT ev_class, rulename FROM pg_rewrite WHERE rulename <> '_RETURN'");
    unmodeled_on("PostgreSQL unlogged table",
                 "SELECT oid, '' FROM pg_class WHERE "
                 "relpersistence = 'u' AND relkind IN ('r', 'p')");
    unmodeled_on("PostgreSQL view options ",
                 "SELECT oid, array_to_string(reloptions, ', ') FROM pg_class WHERE relkind IN "
                 "('v', 'm') AND reloptions IS NOT NULL");
    unmodeled_on("PostgreSQL inheritance from ",
                 "SELECT i.inhrelid, i.inhparent::regclass::text FROM pg_inherits i JOIN "
                 "pg_class c ON c.oid = i.inhrelid WHERE NOT c.relispartition");
    unmodeled_on("PostgreSQL index ",
                 "SELECT i.indrelid, ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = "
                 "i.indexrelid JOIN pg_class c ON c.oid = i.indrelid WHERE c.relkind = 'm'");
    const std::string user = std::string(" AND ") + k_user_namespace;
    unmodeled_all("PostgreSQL partition ",
                  "SELECT " + name_sql("c.relname") +
                      " || ' of ' || p.inhparent::regclass::text || ' ' || "
                      "pg_get_expr(c.relpartbound, c.oid) FROM pg_class c JOIN pg_namespace n ON "
                      "n.oid = c.relnamespace JOIN pg_inherits p ON p.inhrelid = c.oid WHERE "
                      "c.relispartition" +
                      user);
    unmodeled_all("PostgreSQL foreign table ",
                  "SELECT " + name_sql("c.relname") +
                      " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                      "c.relkind = 'f'" +
                      user);
    unmodeled_all("PostgreSQL ",
                  "SELECT CASE t.typtype WHEN 'd' THEN 'domain ' WHEN 'r' THEN 'range type ' "
                  "ELSE 'composite type ' END || " +
                      name_sql("t.typname") +
                      " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN "
                      "pg_class c ON c.oid = t.typrelid WHERE (t.typtype IN ('d', 'r') OR "
                      "(t.typtype = 'c' AND c.relkind = 'c'))" +
                      user + " AND " + not_extension_sql("pg_type", "t.oid"));
    unmodeled_all("PostgreSQL collation ",
                  "SELECT " + name_sql("c.collname") +
                      " FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace "
                      "WHERE true" +
                      user + " AND " + not_extension_sql("pg_collation", "c.oid"));
    unmodeled_all("PostgreSQL comment on ",
                  "SELECT o.type || ' ' || o.identity FROM pg_description d CROSS JOIN LATERAL "
                  "pg_identify_object(d.classoid, d.objoid, d.objsubid) o LEFT JOIN pg_class c "
                  "ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid JOIN pg_namespace "
                  "n ON n.nspname = o.schema WHERE coalesce(c.relkind NOT IN ('r', 'p'), true)" +
                      user +
                      " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid "
                      "AND e.objid = d.objoid AND e.deptype = 'e')");
    unmodeled_all("PostgreSQL foreign server ", "SELECT srvname FROM pg_foreign_server");
    unmodeled_all("PostgreSQL event trigger ", "SELECT evtname FROM pg_event_trigger");
  }

  core::Connection& m_connection;
  std::set<std::string> m_skip;
  core::Schema m_schema;
  std::map<std::string, std::size_t> m_tables;                           // oid: at
  std::map<std::string, std::string> m_relation_names;                   // tables, views
  std::map<std::string, std::pair<std::size_t, std::size_t>> m_indexes;  // oid: table, at
};

}  // namespace

core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip) {
  core::Schema schema = Reader(connection, skip).read();
  schema.dialect = core::Dialect::postgres;
  core::canonicalize(schema);
  return schema;
}

}  // namespace forge::dialect::postgres
