#include "dialect/postgres/postgres_introspect.hpp"

#include "core/errors.hpp"

namespace forge::dialect::postgres {

// Being written: the catalog queries and the dump of this dialect.
core::Schema read_schema(core::Connection&, const std::vector<std::string>&) {
  throw UsageError("reading the schema of a postgres database is not available in this build", "");
}

std::string schema_sql(const core::Schema&) {
  throw UsageError("writing the schema of a postgres database is not available in this build", "");
}

}  // namespace forge::dialect::postgres
