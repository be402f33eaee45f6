#pragma once
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/schema.hpp"

namespace forge::dialect::mysql {

/// This database's schema from its catalog (see dialect::read_schema), tables in `skip` left out.
core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip);

/// The SQL that builds `schema` in an empty database (see dialect::schema_sql).
std::string schema_sql(const core::Schema& schema);

}  // namespace forge::dialect::mysql
