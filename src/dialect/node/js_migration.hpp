#pragma once
#include <memory>
#include <string>

#include "core/statement.hpp"
#include "declarative/renderer.hpp"
#include "dialect/node/node_runtime.hpp"

namespace forge::dialect {

/// One direction of a sequelize-cli JavaScript migration, run when its turn comes: Node loads
/// the module with forge's runner (migration_runner.js), and each queryInterface call comes
/// back as a declarative operation (rendered by this dialect's renderer, as a YAML unit's would
/// be) or as SQL, which forge runs through the runner's `run`, so that it joins the unit's
/// transaction and history exactly as a SQL unit's statements do. Rows go back to the module.
class JsMigration : public core::LateSql {
 public:
  /// `in_transaction`: whether the runner runs it inside forge's transaction (where the
  /// database rolls DDL back, a failure then undoes all of it).
  JsMigration(std::string module_path, std::string shown_path, std::string direction,
              bool in_transaction, std::shared_ptr<const declarative::SqlRenderer> renderer,
              std::shared_ptr<const NodeRuntime> node);

  /// Not used: the SQL is decided while the module runs (see drive).
  std::vector<std::string> write(core::Connection& connection) const override;
  void drive(core::Connection& connection, const core::Statement& origin,
             const core::StatementRunner& run) const override;
  bool previewable() const override { return true; }
  bool joins_transaction() const override { return m_in_transaction; }
  bool is_program() const override { return true; }
  std::string unavailable() const override;

 private:
  std::string m_module_path;  // absolute, for require()
  std::string m_shown_path;   // as the user names it
  std::string m_direction;    // "up" or "down"
  bool m_in_transaction;
  std::shared_ptr<const declarative::SqlRenderer> m_renderer;
  std::shared_ptr<const NodeRuntime> m_node;
};

/// The text a JavaScript unit's one statement shows (a preview, a log line).
std::string js_statement_text(const std::string& shown_path, const std::string& direction);

}  // namespace forge::dialect
