#pragma once
#include <string>

#include "core/dialect_kind.hpp"
#include "dialect/node/node_runtime.hpp"

namespace forge::dialect {

/// The declarative twin of a JavaScript unit, in forge's JSON unit format: the operations its
/// up and its down make, recorded by running the module with forge's runner and no database
/// (`forge migration:convert`). SQL the module writes itself stays `sql`; SQL the runner writes
/// for `dialect` (bulkUpdate, upsert) becomes `sql` for that dialect only. Throws UsageError
/// naming the call and its line for a unit that reads data (a SELECT, describeTable, ...),
/// which a declarative unit cannot, and StatementError when the module fails.
std::string convert_to_declarative(const std::string& module_path, const std::string& shown_path,
                                   core::Dialect dialect, const NodeRuntime& node);

}  // namespace forge::dialect
