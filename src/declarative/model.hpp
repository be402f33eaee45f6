#pragma once
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/dialect_kind.hpp"
#include "declarative/location.hpp"
#include "declarative/types.hpp"
#include "declarative/value.hpp"
#include "declarative/where.hpp"

namespace forge::declarative {

/// What a foreign key does when the referenced row is deleted or updated.
enum class ReferentialAction { cascade, set_null, set_default, restrict, no_action };

/// `references: { table, column }` on a column.
struct ColumnReference {
  std::string table;
  std::string column;
  SourceLocation location;  ///< the `references` map
};

/// A column as declared in createTable, addColumn or changeColumn (sequelize's attribute names).
struct ColumnSpec {
  Origin origin;  ///< the column's name; `options` holds each attribute written
  std::string name;
  TypeSpec type;
  bool allow_null = true;  ///< false when written so, and for primary key columns
  std::optional<DefaultValue> default_value;
  bool primary_key = false;
  bool auto_increment = false;  ///< only on INTEGER, BIGINT, SMALLINT
  bool unique = false;
  std::optional<ColumnReference> references;
  std::optional<ReferentialAction> on_delete;  ///< only with `references`
  std::optional<ReferentialAction> on_update;  ///< only with `references`
  std::optional<std::string> comment;
};

/// The kinds of table constraint (sequelize's `type:` strings).
enum class ConstraintKind { unique, check, foreign_key, primary_key };

/// The referenced side of a foreign key constraint: `references: { table, column | columns }`.
struct ForeignKeyTarget {
  std::string table;
  std::vector<std::string> columns;  ///< as many as the constraint's `fields`
  SourceLocation location;
};

/// A table constraint: in addConstraint, or in createTable's `constraints` list.
struct ConstraintSpec {
  Origin origin;
  ConstraintKind kind = ConstraintKind::unique;
  std::optional<std::string> name;  ///< always set for addConstraint
  std::vector<std::string> fields;  ///< the constrained columns; may be empty only for check
  std::optional<Where> where;       ///< check only, and always set for it
  std::optional<ForeignKeyTarget> references;  ///< foreign key only, and always set for it
  std::optional<ReferentialAction> on_delete;  ///< foreign key only
  std::optional<ReferentialAction> on_update;  ///< foreign key only
};

/// Sort order of an index field.
enum class SortOrder { ascending, descending };

/// An index method (`using:`), as sequelize names them.
enum class IndexMethod { btree, hash, gist, spgist, gin, brin };

/// One entry of addIndex `fields`: a column name, or `{ name, order, length }`.
struct IndexField {
  std::string column;
  std::optional<SortOrder> order;
  std::optional<int> length;  ///< prefix length, in characters
  SourceLocation location;
};

struct CreateTable {
  Origin origin;
  std::string table;
  std::vector<ColumnSpec> columns;  ///< in file order; with `timestamps: true`, created_at and
                                    ///< updated_at (DATE, not null, default NOW) come last
  std::vector<ConstraintSpec> constraints;  ///< table-level: unique, check, primary, foreign keys
  bool timestamps = false;
};

struct DropTable {
  Origin origin;
  std::string table;
};

struct RenameTable {
  Origin origin;
  std::string from;
  std::string to;
};

struct AddColumn {
  Origin origin;
  std::string table;
  ColumnSpec column;
  std::optional<std::string> after;  ///< MySQL only; other dialects ignore it
  bool first = false;                ///< MySQL only; never together with `after`
};

struct RemoveColumn {
  Origin origin;
  std::string table;
  std::string column;
};

struct RenameColumn {
  Origin origin;
  std::string table;
  std::string from;
  std::string to;
};

/// Replaces a column's whole definition (type, nullability, default, ...), as sequelize does.
struct ChangeColumn {
  Origin origin;
  std::string table;
  ColumnSpec column;
};

struct AddIndex {
  Origin origin;
  std::string table;
  std::string name;
  std::vector<IndexField> fields;  ///< never empty, no column twice
  bool unique = false;
  std::optional<Where> where;         ///< a partial index; never empty
  std::optional<IndexMethod> method;  ///< `using:`
  bool concurrently = false;
};

struct RemoveIndex {
  Origin origin;
  std::string table;
  std::string name;
};

struct AddConstraint {
  Origin origin;
  std::string table;
  ConstraintSpec constraint;  ///< its name is always set, so it can be removed
};

struct RemoveConstraint {
  Origin origin;
  std::string table;
  std::string name;
};

/// One row of bulkInsert: a value per column of BulkInsert::columns, in that order.
struct Row {
  std::vector<Value> values;
  SourceLocation location;
};

/// How many rows one INSERT of a bulkInsert carries at most (fewer when their text passes
/// k_insert_bytes): a large unit's rows are rendered a thousand at a time, as they stream.
constexpr std::size_t k_rows_per_insert = 1000;
/// The text past which an INSERT is closed within its thousand rows (MySQL refuses a statement
/// longer than max_allowed_packet, 16 MiB by default on MariaDB).
constexpr std::size_t k_insert_bytes = std::size_t{1} << 20;

struct BulkInsert {
  Origin origin;
  std::string table;
  std::vector<std::string> columns;  ///< the first row's keys; every row names the same ones
  std::vector<Row> rows;             ///< never empty
};

struct BulkDelete {
  Origin origin;
  std::string table;
  Where where;  ///< no conditions: every row
};

/// `sql: "..."`, or `sql: { postgres: "...", mysql: "..." }`.
struct RawSql {
  Origin origin;
  std::optional<std::string> any_dialect;           ///< the plain-string form
  std::map<core::Dialect, std::string> by_dialect;  ///< the map form; may lack a dialect
};

/// One operation of an up or down list.
using Operation = std::variant<CreateTable, DropTable, RenameTable, AddColumn, RemoveColumn,
                               RenameColumn, ChangeColumn, AddIndex, RemoveIndex, AddConstraint,
                               RemoveConstraint, BulkInsert, BulkDelete, RawSql>;

/// A declarative unit as loaded from one file.
struct DeclarativeUnit {
  std::string file;
  std::vector<Operation> up;                   ///< never empty
  std::optional<std::vector<Operation>> down;  ///< as written; nullopt when the file has none
  std::string up_canonical;  ///< the up list's content without layout or comments (checksums)
};

/// The operation's name as written in units: `addColumn`, `sql`.
std::string_view operation_name(const Operation& operation);
/// Where the operation and its options were written.
const Origin& origin_of(const Operation& operation);

/// The action's SQL spelling: `CASCADE`, `SET NULL`, `NO ACTION`.
std::string_view action_name(ReferentialAction action);
/// sequelize's spelling: `unique`, `check`, `foreign key`, `primary key`.
std::string_view constraint_kind_name(ConstraintKind kind);
/// `BTREE`, `HASH`, `GIST`, `SPGIST`, `GIN`, `BRIN`.
std::string_view index_method_name(IndexMethod method);

}  // namespace forge::declarative
