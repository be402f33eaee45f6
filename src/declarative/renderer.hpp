#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"
#include "core/statement.hpp"
#include "declarative/location.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// An option a dialect leaves out rather than refuses (`after` on PostgreSQL), for --verbose.
struct RenderNote {
  SourceLocation location;  ///< the option's key
  std::string message;      ///< `after is MySQL-only; postgres ignores it`
};

/// Turns declarative operations into one dialect's SQL text ("which SQL", never "run it").
/// Implementations live in src/dialect/<name>/; they quote every identifier and write every
/// value as an escaped literal.
class SqlRenderer {
 public:
  virtual ~SqlRenderer() = default;

  /// The dialect whose SQL this renderer writes.
  virtual core::Dialect dialect() const noexcept = 0;

  /// Checks `operation` against what the dialect can honour, without a database. Throws
  /// MigrationFileError at the offending option's file:line:column (a partial index on MySQL,
  /// `sql` without text for this dialect, ...); returns a note for each option it ignores.
  virtual std::vector<RenderNote> check(const Operation& operation) const = 0;

  /// The statements that carry out `operation`, in order, without terminating `;`. Checks
  /// first and throws as check() does. A renderer that needs the live schema (SQLite's table
  /// rebuild) says so on its class; the others are pure.
  virtual std::vector<std::string> render(const Operation& operation) const = 0;

  /// For an operation whose SQL depends on the live schema (SQLite's table rebuild): the SQL
  /// to write when it runs; render() must not be called for it then. nullptr (the default)
  /// when render() writes it now.
  virtual std::shared_ptr<const core::LateSql> render_later(const Operation& operation) const {
    (void)operation;
    return nullptr;
  }

  /// True when the statements cannot run inside a transaction block (PostgreSQL's
  /// CREATE INDEX CONCURRENTLY): the runner must run them on their own.
  virtual bool needs_no_transaction(const Operation& operation) const {
    (void)operation;
    return false;
  }
};

}  // namespace forge::declarative
