#pragma once
#include <string>
#include <vector>

#include "declarative/renderer.hpp"

namespace forge::dialect::mysql {

/// MySQL's (and MariaDB's) SQL for declarative operations; pure (no connection). Foreign keys
/// are always table-level FOREIGN KEY clauses (MySQL parses and ignores inline REFERENCES);
/// ENUM is inline; DATE is DATETIME(3); comments are COMMENT '...' attributes. String literals
/// double backslashes too, as MySQL reads them with NO_BACKSLASH_ESCAPES off (its default).
class MysqlRenderer : public declarative::SqlRenderer {
 public:
  core::Dialect dialect() const noexcept override { return core::Dialect::mysql; }
  std::vector<declarative::RenderNote> check(
      const declarative::Operation& operation) const override;
  std::vector<std::string> render(const declarative::Operation& operation) const override;
  /// removeConstraint: its clause depends on the constraint's kind, read from the catalog.
  std::shared_ptr<const core::LateSql> render_later(
      const declarative::Operation& operation) const override;
};

}  // namespace forge::dialect::mysql
