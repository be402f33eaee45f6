#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/dialect_kind.hpp"

/// The dialect-neutral shape of a migration statement as the linter sees it. Each dialect's
/// reader (PostgreSQL's real parser, forge's tokenizer for MySQL and SQLite, the declarative
/// model) produces these; the rules read only them.
namespace forge::core::lint {

/// What a column default costs when a column is added: a volatile one (`now()` in MySQL,
/// `random()`, `gen_random_uuid()`, `clock_timestamp()`) is computed per row, rewriting the table.
enum class DefaultKind { none, constant, volatile_value };

/// A column as defined in CREATE TABLE, ADD COLUMN or MySQL's MODIFY/CHANGE.
struct ColumnDef {
  std::string name;
  std::string type;  ///< lower case, as written (`varchar(20)`, `int`, `enum(...)`)
  bool not_null = false;
  bool primary_key = false;
  bool unique = false;
  bool references = false;  ///< an inline `REFERENCES t(c)` on the column
  bool serial = false;      ///< serial/bigserial, or auto_increment
  DefaultKind default_kind = DefaultKind::none;
};

struct AddColumn {
  ColumnDef column;
  bool reorders = false;  ///< MySQL's FIRST / AFTER
};
struct DropColumn {
  std::string column;
};
struct RenameColumn {
  std::string from, to;
};
/// A new type for a column: ALTER COLUMN TYPE, MySQL's MODIFY/CHANGE, declarative changeColumn.
struct AlterColumnType {
  std::string column;
  std::string type;             ///< the new type, lower case
  bool reorders = false;        ///< MySQL's FIRST / AFTER
  bool enum_or_set = false;     ///< the new type is MySQL's ENUM or SET
  bool sets_not_null = false;   ///< MySQL's MODIFY ... NOT NULL restates nullability
  bool known_widening = false;  ///< varchar(n)->text, varchar grows: no rewrite in PostgreSQL
};
struct SetNotNull {
  std::string column;
};
struct DropNotNull {
  std::string column;
};

enum class ConstraintType { unique, primary_key, foreign_key, check, other };

struct AddConstraint {
  ConstraintType kind = ConstraintType::other;
  std::string name;
  bool not_valid = false;    ///< PostgreSQL's NOT VALID
  bool using_index = false;  ///< PostgreSQL's `UNIQUE USING INDEX idx`
};
struct DropConstraint {
  std::string name;
};
/// MySQL's CONVERT TO CHARACTER SET, or a table's default charset changed.
struct ConvertCharset {};
/// An ALTER TABLE form the dialect does not support (SQLite's ALTER COLUMN, ADD CONSTRAINT).
struct Unsupported {
  std::string what;
};
/// Anything else an ALTER TABLE may do (VALIDATE CONSTRAINT, SET DEFAULT, OWNER TO ...).
struct OtherAction {};

using TableAction =
    std::variant<AddColumn, DropColumn, RenameColumn, AlterColumnType, SetNotNull, DropNotNull,
                 AddConstraint, DropConstraint, ConvertCharset, Unsupported, OtherAction>;

struct AlterTable {
  std::string table;
  std::vector<TableAction> actions;
  /// The declarative unit's change is done by copying the table (SQLite's rebuild).
  bool rebuilds = false;
};
struct CreateTable {
  std::string table;
  std::vector<ColumnDef> columns;
};
struct CreateIndex {
  std::string table;
  std::string name;
  bool unique = false;
  bool concurrently = false;
};
struct DropIndex {
  std::string name;
  bool concurrently = false;
};
struct DropTable {
  std::vector<std::string> tables;
};
/// DROP SCHEMA / DROP DATABASE.
struct DropNamespace {
  std::string kind;  ///< `schema` or `database`
  std::string name;
};
struct Truncate {
  std::vector<std::string> tables;
  bool cascade = false;
};
struct RenameTable {
  std::string from, to;
};
/// PostgreSQL's ALTER TYPE ... ADD VALUE.
struct AlterEnumAddValue {
  std::string type, value;
};
/// `SET lock_timeout = ...` (also SET LOCAL, and MySQL's `lock_wait_timeout`).
struct SetLockTimeout {};
struct Begin {};
struct Commit {};  ///< COMMIT, END or ROLLBACK
/// A statement with no rule of its own (INSERT, CREATE VIEW, ...).
struct OtherStatement {};
/// A statement the dialect's parser rejected.
struct Unparsed {
  std::string message;
  int offset = -1;  ///< byte offset in the statement, when the parser gives one
};

using StatementShape = std::variant<AlterTable, CreateTable, CreateIndex, DropIndex, DropTable,
                                    DropNamespace, Truncate, RenameTable, AlterEnumAddValue,
                                    SetLockTimeout, Begin, Commit, OtherStatement, Unparsed>;

/// Where a finding points: 1-based line and column of `file`.
struct Position {
  std::string file;
  int line = 1;
  int column = 1;
};

/// A `-- forge:lint-ignore CODE reason` comment.
struct IgnoreDirective {
  std::string code;
  std::string reason;  ///< empty when none was written (itself a finding)
  Position position;   ///< the comment's place
};

/// One statement of a unit's up section, classified.
struct LintStatement {
  Position position;
  StatementShape shape;
  std::vector<std::string> literals;     ///< its string constants (an enum value used later)
  std::vector<IgnoreDirective> ignores;  ///< written on the lines just above it, or on its line
};

/// The up section of a unit, ready for the rules.
struct LintUnit {
  std::string name;
  Position position;  ///< the unit's file (line of its up marker, else 1)
  std::vector<LintStatement> statements;
  bool in_transaction = true;  ///< false when the unit opts out (`transaction:false`, goose's)
  bool has_down = true;
  bool declarative = false;
  /// For a declarative unit written with a down list: what differs from the derived inverse
  /// ("" when it is the inverse, or when no inverse can be derived).
  std::string down_mismatch;
  /// Every forge:lint-ignore comment in the unit's file: they silence the unit-level findings.
  std::vector<IgnoreDirective> file_ignores;
};

}  // namespace forge::core::lint
