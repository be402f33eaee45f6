#pragma once
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/schema.hpp"

namespace forge::dialect {

/// Reads the schema of the database `connection` is on from its catalog, canonicalized, leaving
/// out the tables named in `skip` (the history tables, with their companions). Throws
/// StatementError when a catalog query is refused.
core::Schema read_schema(core::Connection& connection, const std::vector<std::string>& skip);

/// The SQL that builds `schema` in an empty database of its dialect: canonical (equal schemas
/// give byte-identical text), one object per block in an order that loads (tables, then foreign
/// keys, indexes, views, ...), each statement ended by `;` on its own line's end.
std::string schema_sql(const core::Schema& schema);
/// The statements of schema_sql making `table` of `schema` alone: its CREATE TABLE with its keys,
/// indexes and comments (names resolved against the whole `schema`).
std::string table_sql(const core::Schema& schema, const core::SchemaTable& table);

}  // namespace forge::dialect
