#pragma once
#include <string>
#include <vector>

#include "declarative/renderer.hpp"
#include "dialect/sqlite/sqlite_schema.hpp"

namespace forge::dialect::sqlite {

/// SQLite's SQL for declarative operations. What its ALTER TABLE cannot do (changeColumn,
/// addConstraint, removeConstraint, removeColumn, and addColumn of a key, a NOT NULL column
/// without a default or a CURRENT_TIMESTAMP default) is a table rebuild (sqlite_rebuild.hpp),
/// which reads the table's current schema through the SchemaReader when render() is called:
/// render such an operation only once the unit's earlier operations have run. Everything else
/// is pure. ENUM is TEXT with a CHECK, BOOLEAN INTEGER with a CHECK, comments are dropped.
class SqliteRenderer : public declarative::SqlRenderer {
 public:
  /// `read_schema` may be empty when only check() and operations without a rebuild are used;
  /// render() of a rebuild then throws std::logic_error.
  explicit SqliteRenderer(SchemaReader read_schema = {});

  core::Dialect dialect() const noexcept override { return core::Dialect::sqlite; }
  std::vector<declarative::RenderNote> check(
      const declarative::Operation& operation) const override;
  std::vector<std::string> render(const declarative::Operation& operation) const override;
  /// True when render(operation) rebuilds the table, reading its schema.
  bool needs_schema(const declarative::Operation& operation) const;
  /// A rebuild written when it runs, from the schema of the SqliteConnection it runs on;
  /// nullptr when the operation needs no schema.
  std::shared_ptr<const core::LateSql> render_later(
      const declarative::Operation& operation) const override;

 private:
  SchemaReader m_read_schema;
};

}  // namespace forge::dialect::sqlite
