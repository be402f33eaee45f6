// CatalogProbe::schema(): what each database's catalog says about the tables in it, in lines
// that mean the same thing on two databases built alike (no OIDs, no server-chosen numbers).
#include <string>

#include "catalog_probe.hpp"
#include "dialect_test.hpp"

namespace forge::e2e {

namespace {

const char* k_not_history =
    "NOT IN ('ForgeMeta', 'ForgeSeeds', 'SequelizeMeta', 'SequelizeMeta_forge_progress', "
    "'SequelizeData', 'forge_lock')";

std::vector<std::string> sqlite_schema(const CatalogProbe& db) {
  const std::string tables =
      "(SELECT name AS t FROM sqlite_master WHERE type = 'table' AND "
      "name NOT LIKE 'sqlite_%' AND name " +
      std::string(k_not_history) + ")";
  return lines_of(db.scalar(
      "SELECT group_concat(line, char(10)) FROM ("
      "SELECT t || ' column ' || c.name || ' ' || c.type || ' notnull=' || c.\"notnull\" || "
      "' default=' || coalesce(c.dflt_value, '-') || ' pk=' || c.pk AS line FROM " +
      tables +
      " JOIN pragma_table_info(t) c "
      "UNION ALL SELECT t || ' autoincrement ' || (SELECT sql LIKE '%AUTOINCREMENT%' FROM "
      "sqlite_master WHERE name = t) FROM " +
      tables +
      " UNION ALL SELECT t || ' index ' || i.name || ' unique=' || i.\"unique\" || ' origin=' || "
      "i.origin || ' partial=' || i.partial || ' (' || (SELECT group_concat(name) FROM "
      "pragma_index_info(i.name)) || ')' FROM " +
      tables +
      " JOIN pragma_index_list(t) i "
      "UNION ALL SELECT t || ' foreign key ' || f.\"from\" || ' -> ' || f.\"table\" || '.' || "
      "f.\"to\" || ' on delete ' || f.on_delete || ' on update ' || f.on_update FROM " +
      tables + " JOIN pragma_foreign_key_list(t) f ORDER BY line)"));
}

std::vector<std::string> postgres_schema(const CatalogProbe& db) {
  const std::string mine =
      "table_schema = current_schema() AND table_name " + std::string(k_not_history);
  return lines_of(db.scalar(
      "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ("
      "SELECT table_name || ' column ' || column_name || ' ' || udt_name || coalesce('(' || "
      "character_maximum_length || ')', '') || coalesce(' p' || numeric_precision || ',' || "
      "numeric_scale, '') || ' nullable=' || is_nullable || ' default=' || "
      "coalesce(column_default, '-') || ' identity=' || is_identity AS line "
      "FROM information_schema.columns WHERE " +
      mine +
      " UNION ALL SELECT c.relname || ' constraint ' || k.conname || ' ' || "
      "pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
      "WHERE c.relnamespace = current_schema()::regnamespace AND c.relname " +
      k_not_history +
      " UNION ALL SELECT tablename || ' index ' || indexdef FROM pg_indexes WHERE schemaname = "
      "current_schema() AND tablename " +
      k_not_history +
      " UNION ALL SELECT 'type ' || t.typname || ' (' || string_agg(e.enumlabel, ',' ORDER BY "
      "e.enumsortorder) || ')' FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE "
      "t.typnamespace = current_schema()::regnamespace GROUP BY t.typname "
      "UNION ALL SELECT 'sequence ' || sequence_name || ' ' || data_type FROM "
      "information_schema.sequences WHERE sequence_schema = current_schema() "
      "UNION ALL SELECT c.relname || ' comment ' || a.attname || ' ' || d.description FROM "
      "pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_attribute a ON a.attrelid = "
      "c.oid AND a.attnum = d.objsubid WHERE c.relnamespace = current_schema()::regnamespace"
      ") lines"));
}

std::vector<std::string> mysql_schema(const CatalogProbe& db) {
  const std::string mine = "TABLE_SCHEMA = DATABASE() AND TABLE_NAME " + std::string(k_not_history);
  const std::string lines =
      "SELECT CONCAT(TABLE_NAME, ' column ', COLUMN_NAME, ' ', COLUMN_TYPE, ' nullable=', "
      "IS_NULLABLE, ' default=', COALESCE(COLUMN_DEFAULT, '-'), ' key=', COLUMN_KEY, ' extra=', "
      "EXTRA, ' collation=', COALESCE(COLLATION_NAME, '-'), ' comment=', COLUMN_COMMENT) AS line "
      "FROM information_schema.COLUMNS WHERE " +
      mine +
      " UNION ALL SELECT CONCAT(TABLE_NAME, ' index ', INDEX_NAME, ' unique=', 1 - NON_UNIQUE, "
      "' (', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), ')') FROM "
      "information_schema.STATISTICS WHERE " +
      mine +
      " GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE"
      " UNION ALL SELECT CONCAT(k.TABLE_NAME, ' foreign key ', k.CONSTRAINT_NAME, ' ', "
      "k.COLUMN_NAME, ' -> ', k.REFERENCED_TABLE_NAME, '.', k.REFERENCED_COLUMN_NAME, "
      "' on delete ', r.DELETE_RULE, ' on update ', r.UPDATE_RULE) FROM "
      "information_schema.KEY_COLUMN_USAGE k JOIN information_schema.REFERENTIAL_CONSTRAINTS r "
      "ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME "
      "AND r.TABLE_NAME = k.TABLE_NAME WHERE k.TABLE_SCHEMA = DATABASE()"
      " UNION ALL SELECT CONCAT(TABLE_NAME, ' check ', CONSTRAINT_NAME, ' ', CHECK_CLAUSE) FROM "
      "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";
  // Line by line: GROUP_CONCAT would cut the whole at group_concat_max_len (1024 bytes).
  const long count = std::stol(db.scalar("SELECT count(*) FROM (" + lines + ") l"));
  std::vector<std::string> out;
  for (long i = 0; i < count; ++i) {
    out.push_back(db.scalar("SELECT line FROM (" + lines + ") l ORDER BY line LIMIT 1 OFFSET " +
                            std::to_string(i)));
  }
  return out;
}

}  // namespace

std::vector<std::string> CatalogProbe::schema() const {
  switch (m_dialect) {
    case core::Dialect::sqlite:
      return sqlite_schema(*this);
    case core::Dialect::postgres:
      return postgres_schema(*this);
    case core::Dialect::mysql:
      return mysql_schema(*this);
  }
  return {};
}

}  // namespace forge::e2e
