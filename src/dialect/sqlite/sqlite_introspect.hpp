#pragma once
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/schema.hpp"

namespace forge::dialect::sqlite {

/// This database's schema from its catalog (see dialect::read_schema), tables in `skip` left out.
core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip);

/// The SQL that builds `schema` in an empty database (see dialect::schema_sql).
std::string schema_sql(const core::Schema& schema);
/// The statements of schema_sql that make `table` of `schema` alone (with its keys, indexes and
/// comments), for a unit that makes it.
std::string table_sql(const core::Schema& schema, const core::SchemaTable& table);

}  // namespace forge::dialect::sqlite
