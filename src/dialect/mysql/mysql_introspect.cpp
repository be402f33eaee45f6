#include "dialect/mysql/mysql_introspect.hpp"

#include "core/errors.hpp"

namespace forge::dialect::mysql {

// Being written: the catalog queries and the dump of this dialect.
core::Schema read_schema(core::Connection&, const std::vector<std::string>&) {
  throw UsageError("reading the schema of a mysql database is not available in this build", "");
}

std::string schema_sql(const core::Schema&) {
  throw UsageError("writing the schema of a mysql database is not available in this build", "");
}

}  // namespace forge::dialect::mysql
