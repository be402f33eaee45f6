#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/schema.hpp"

namespace forge::declarative {

/// A rename the user asked for (`--rename`): a table when `table` is "", else a column of
/// `table` (named as in the desired schema).
struct SchemaRename {
  std::string table;
  std::string from;
  std::string to;
};

/// Parses one `--rename` value: `old=new` (a table) or `table.old=table.new` (a column). Throws
/// UsageError for anything else.
SchemaRename parse_rename(const std::string& text);

/// A declarative unit that takes one schema to another.
struct SchemaPlan {
  std::string yaml;                      ///< the unit's text, up and down; "" when nothing to do
  std::vector<std::string> destructive;  ///< each destructive step, one line: `drop table t`
  std::vector<std::string> unsupported;  ///< differences the unit does not make, one line each
  bool empty() const { return yaml.empty(); }
};

/// The SQL making one table, for a table the declarative format cannot name (PostgreSQL's outside
/// the current schema: `billing.invoices`).
using TableSql = std::function<std::string(const core::SchemaTable& table)>;

/// Plans the unit taking `current` to `desired` (both canonicalized, of the same dialect), with
/// `renames` applied first (never guessed). Types are written natively for the schemas'
/// dialect; every destructive step gets a `# DESTRUCTIVE: <why>` comment above it. With
/// `table_sql`, tables outside the current schema are made and dropped by `sql` steps; changes
/// to them (and, without it, the tables themselves) are listed as not generated. Throws
/// UsageError for a rename whose old name is not in `current` or new name not in `desired`.
SchemaPlan plan_schema_change(const core::Schema& current, const core::Schema& desired,
                              const std::vector<SchemaRename>& renames,
                              const TableSql& table_sql = {});

/// True when changing a column from type `from` to `to` loses nothing for sure: integer
/// widening (smallint → integer → bigint), a longer varchar or char, a varchar to text. Any
/// other change counts as narrowing.
bool is_widening(const std::string& from, const std::string& to);

}  // namespace forge::declarative
