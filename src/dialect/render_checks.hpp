#pragma once
#include <string>
#include <string_view>

#include "core/dialect_kind.hpp"
#include "declarative/renderer.hpp"

// Refusals and notes every declarative renderer shares.
namespace forge::dialect {

/// Throws MigrationFileError `file:line:column: problem` with `hint`.
[[noreturn]] void refuse(const declarative::SourceLocation& at, const std::string& problem,
                         const std::string& hint);
/// The note for `option`, which `dialect` ignores: `after is ignored on postgres: <why>`.
declarative::RenderNote ignored(const declarative::Origin& origin, std::string_view option,
                                core::Dialect dialect, std::string_view why);
/// Refuses an `sql` operation with no text for `dialect`, or whose text does not split.
void check_raw_sql(const declarative::RawSql& sql, core::Dialect dialect);
/// Refuses primaryKey, unique, references, onDelete and onUpdate in changeColumn on every
/// dialect: changeColumn restates a column's type, nullability, default, autoIncrement and
/// comment and keeps its keys (addConstraint/removeConstraint change those).
void check_change_column_keys(const declarative::ChangeColumn& change);
/// Refuses text the dialect cannot write: a NUL character in a name (every dialect) or in a
/// value (PostgreSQL, SQLite); a name longer than PostgreSQL's 63 bytes (it would be cut
/// short silently) or MySQL's 64 characters; a createTable with more columns than the database
/// allows in one table.
void check_text(const declarative::Operation& operation, core::Dialect dialect);

}  // namespace forge::dialect
