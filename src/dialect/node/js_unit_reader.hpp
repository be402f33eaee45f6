#pragma once
#include <memory>

#include "core/source.hpp"
#include "declarative/renderer.hpp"
#include "dialect/node/node_runtime.hpp"

namespace forge::dialect {

/// Reads sequelize-cli's JavaScript migrations and seeders (`.js`, `.cjs`, `.mjs`): each
/// direction is one statement whose SQL is decided when it runs (JsMigration), so loading
/// needs no Node; the checksum covers the file's text.
class JsUnitReader : public core::DeclarativeReader {
 public:
  JsUnitReader(std::shared_ptr<const declarative::SqlRenderer> renderer,
               std::shared_ptr<const NodeRuntime> node)
      : m_renderer(std::move(renderer)), m_node(std::move(node)) {}

  core::DeclarativeSections read(const std::string& text, const std::string& file) const override;

 private:
  std::shared_ptr<const declarative::SqlRenderer> m_renderer;
  std::shared_ptr<const NodeRuntime> m_node;
};

}  // namespace forge::dialect
