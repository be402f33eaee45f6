#pragma once
#include <string>
#include <vector>

#include "core/schema.hpp"

namespace forge::declarative::plan_ops {

/// The declarative operations the schema planner writes, each as YAML list items indented for
/// a unit's `up:` / `down:` (`  - createTable:\n      ...`). Column types are written natively
/// for `dialect`; defaults as `{literal: ...}`.

/// `text` as a YAML double-quoted scalar.
std::string quoted(const std::string& text);
/// `name` quoted as an identifier of `dialect` in SQL.
std::string sql_name(core::Dialect dialect, const std::string& name);

/// createTable with the columns, primary key, unique constraints and foreign keys (indexes and
/// checks are separate steps).
std::string create_table(const core::SchemaTable& table, core::Dialect dialect);
std::string drop_table(const std::string& table);
std::string rename_table(const std::string& from, const std::string& to);
std::string add_column(const std::string& table, const core::SchemaColumn& column,
                       core::Dialect dialect);
std::string remove_column(const std::string& table, const std::string& column);
std::string change_column(const std::string& table, const core::SchemaColumn& column,
                          core::Dialect dialect);
std::string rename_column(const std::string& table, const std::string& from, const std::string& to);
/// addIndex, or a `sql` step for what addIndex cannot say (a predicate, an expression key).
std::string add_index(const std::string& table, const core::SchemaIndex& index,
                      core::Dialect dialect);
std::string remove_index(const std::string& table, const core::SchemaIndex& index,
                         core::Dialect dialect);
std::string add_unique(const std::string& table, const core::SchemaConstraint& unique);
std::string add_primary_key(const std::string& table, const core::SchemaConstraint& key);
std::string add_foreign_key(const std::string& table, const core::SchemaForeignKey& key);
std::string remove_constraint(const std::string& table, const std::string& name);
/// `sql` steps adding and dropping a check constraint (PostgreSQL, MySQL).
std::string add_check(const std::string& table, const core::SchemaConstraint& check,
                      core::Dialect dialect);
std::string drop_check(const std::string& table, const core::SchemaConstraint& check,
                       core::Dialect dialect);
/// One `sql` step per statement of `sql` (a table the declarative format cannot name, as the
/// dialect's dump writes it).
std::string sql_steps(const std::string& sql, core::Dialect dialect);
/// A `sql` step dropping `table` (`schema.table` quoted part by part).
std::string drop_table_sql(const std::string& table, core::Dialect dialect);
/// `sql` steps making and dropping a view or other object from its definition.
std::string create_object(const core::SchemaObject& object, core::Dialect dialect);
std::string drop_object(const core::SchemaObject& object, core::Dialect dialect);
/// The labels of a PostgreSQL enum's `CREATE TYPE ... AS ENUM ('a', 'b')`, in order.
std::vector<std::string> enum_labels(const core::SchemaObject& object);
/// `sql` steps adding to the enum `had` the labels `wanted` has besides, each at its place; ""
/// when `wanted` drops or reorders a label of `had` (PostgreSQL can do neither).
std::string add_enum_values(const core::SchemaObject& had, const core::SchemaObject& wanted,
                            core::Dialect dialect);

}  // namespace forge::declarative::plan_ops
