#include "dialect/schema_io.hpp"

#include "dialect/mysql/mysql_introspect.hpp"
#include "dialect/postgres/postgres_introspect.hpp"
#include "dialect/sqlite/sqlite_introspect.hpp"

namespace forge::dialect {

core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip) {
  core::Schema schema;
  switch (connection.dialect()) {
    case core::Dialect::sqlite:
      schema = sqlite::read_schema(connection, skip);
      break;
    case core::Dialect::postgres:
      schema = postgres::read_schema(connection, skip);
      break;
    case core::Dialect::mysql:
      schema = mysql::read_schema(connection, skip);
      break;
  }
  schema.dialect = connection.dialect();
  core::canonicalize(schema);
  return schema;
}

std::string schema_sql(const core::Schema& schema) {
  switch (schema.dialect) {
    case core::Dialect::sqlite:
      return sqlite::schema_sql(schema);
    case core::Dialect::postgres:
      return postgres::schema_sql(schema);
    case core::Dialect::mysql:
      return mysql::schema_sql(schema);
  }
  return "";
}

std::string table_sql(const core::Schema& schema, const core::SchemaTable& table) {
  switch (schema.dialect) {
    case core::Dialect::sqlite:
      return sqlite::table_sql(schema, table);
    case core::Dialect::postgres:
      return postgres::table_sql(schema, table);
    case core::Dialect::mysql:
      return mysql::table_sql(schema, table);
  }
  return "";
}

}  // namespace forge::dialect
