#include "dialect/postgres/postgres_enum_sql.hpp"

#include "dialect/sql_writer.hpp"
#include "util/strings.hpp"

namespace forge::dialect::postgres {

namespace {

std::string name(const std::string& identifier) {
  return quote_name(identifier, Dialect::postgres);
}
std::string text(const std::string& value) { return quote_text(value, Dialect::postgres); }
std::string regclass(const std::string& table) { return text(name(table)) + "::regclass"; }

// Selects `what` of the columns of `table` whose type is an ENUM named
// `<prefix><column name>` (cut to 63 bytes as PostgreSQL cuts names); `t` is the type.
std::string enum_columns_query(const std::string& what, const std::string& table,
                               const std::string& prefix, const std::string& extra_condition) {
  return "SELECT " + what +
         "\n"
         "    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid\n"
         "    WHERE a.attrelid = " +
         regclass(table) +
         " AND a.attnum > 0 AND NOT a.attisdropped\n"
         "      AND t.typtype = 'e' AND t.typname = (" +
         text(prefix) + " || a.attname)::name" + extra_condition;
}

}  // namespace

std::string enum_type_name(const std::string& table, const std::string& column) {
  return enum_type_prefix(table) + column;
}

std::string enum_type_prefix(const std::string& table) { return "enum_" + table + "_"; }

std::string create_enum_type_sql(const std::string& type_name,
                                 const std::vector<std::string>& values) {
  std::vector<std::string> labels;
  for (const std::string& value : values) labels.push_back(text(value));
  return "CREATE TYPE " + name(type_name) + " AS ENUM (" + util::join(labels, ", ") + ")";
}

std::string drop_table_with_enum_types_sql(const std::string& table) {
  // Whether another column still uses a type is asked after the drop: until then the table's
  // own indexes use it too.
  return do_block(
      "DECLARE\n"
      "  enum_types regtype[] := ARRAY(\n    " +
      enum_columns_query("t.oid::regtype", table, enum_type_prefix(table), "") +
      ");\n"
      "  enum_type regtype;\n"
      "BEGIN\n"
      "  DROP TABLE " +
      name(table) +
      ";\n"
      "  FOREACH enum_type IN ARRAY enum_types LOOP\n"
      "    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE atttypid = enum_type) THEN\n"
      "      EXECUTE 'DROP TYPE ' || enum_type;\n"
      "    END IF;\n"
      "  END LOOP;\n"
      "END");
}

std::string rename_table_enum_types_sql(const std::string& from, const std::string& to) {
  return do_block(
      "DECLARE\n"
      "  enum_column record;\n"
      "BEGIN\n"
      "  FOR enum_column IN " +
      enum_columns_query("t.oid::regtype::text AS enum_type, a.attname", to, enum_type_prefix(from),
                         "") +
      " LOOP\n"
      "    EXECUTE format('ALTER TYPE %s RENAME TO %I', enum_column.enum_type, " +
      text(enum_type_prefix(to)) +
      " || enum_column.attname);\n"
      "  END LOOP;\n"
      "END");
}

std::string rename_column_enum_type_sql(const std::string& table, const std::string& from,
                                        const std::string& to) {
  const std::string query =
      "SELECT t.oid::regtype::text AS enum_type\n"
      "    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid\n"
      "    WHERE a.attrelid = " +
      regclass(table) + " AND a.attname = " + text(to) +
      "\n      AND t.typtype = 'e' AND t.typname = " + text(enum_type_name(table, from)) + "::name";
  return do_block(
      "DECLARE\n"
      "  enum_column record;\n"
      "BEGIN\n"
      "  FOR enum_column IN " +
      query +
      " LOOP\n"
      "    EXECUTE format('ALTER TYPE %s RENAME TO %I', enum_column.enum_type, " +
      text(enum_type_name(table, to)) +
      ");\n"
      "  END LOOP;\n"
      "END");
}

std::string drop_unused_enum_type_sql(const std::string& type_name) {
  return do_block(
      "DECLARE\n"
      "  old_type regtype := to_regtype(" +
      text(name(type_name)) +
      ");\n"
      "BEGIN\n"
      "  IF old_type IS NOT NULL\n"
      "     AND EXISTS (SELECT 1 FROM pg_type WHERE oid = old_type AND typtype = 'e')\n"
      "     AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE atttypid = old_type) THEN\n"
      "    EXECUTE 'DROP TYPE ' || old_type;\n"
      "  END IF;\n"
      "END");
}

std::string ensure_serial_sql(const std::string& table, const std::string& column) {
  const std::string alter = "ALTER TABLE " + name(table) + " ALTER COLUMN " + name(column);
  const std::string sequence = name(table + "_" + column + "_seq");
  // pg_get_serial_sequence finds the sequence of a serial and of an identity column alike.
  return do_block(
      "BEGIN\n"
      "  IF pg_get_serial_sequence(" +
      text(name(table)) + ", " + text(column) +
      ") IS NULL THEN\n"
      "    CREATE SEQUENCE " +
      sequence + " OWNED BY " + name(table) + "." + name(column) +
      ";\n"
      "    " +
      alter + " SET DEFAULT nextval(" + text(sequence) +
      "::regclass);\n"
      "    " +
      alter +
      " SET NOT NULL;\n"
      "    PERFORM setval(" +
      text(sequence) + ", coalesce(max(" + name(column) + "), 0) + 1, false) FROM " + name(table) +
      ";\n"
      "  END IF;\n"
      "END");
}

std::string do_block(const std::string& body) {
  std::string tag = "$forge$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n)
    tag = "$forge" + std::to_string(n) + "$";
  return "DO " + tag + "\n" + body + "\n" + tag;
}

}  // namespace forge::dialect::postgres
