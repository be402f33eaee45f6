#pragma once
#include <memory>

#include "core/source.hpp"
#include "declarative/renderer.hpp"

namespace forge::dialect {

/// Reads declarative units for one dialect: loads and validates the file, checks every
/// operation against what the dialect can honour (before any connection), and renders each
/// one's SQL: now when it is pure, or as late SQL when it depends on the live schema. A unit
/// without `down` gets the derived inverse, or no down and the name of the operation that
/// prevents it. Options the dialect ignores are logged at debug level (--verbose).
class RenderingReader : public core::DeclarativeReader {
 public:
  /// `renderer` must outlive the reader.
  explicit RenderingReader(const declarative::SqlRenderer& renderer) : m_renderer(renderer) {}
  /// A reader that keeps `renderer` (units loaded through the unit cache keep their reader).
  explicit RenderingReader(std::shared_ptr<const declarative::SqlRenderer> renderer)
      : m_owned(std::move(renderer)), m_renderer(*m_owned) {}

  core::DeclarativeSections read(const std::string& text, const std::string& file) const override;

 private:
  std::shared_ptr<const declarative::SqlRenderer> m_owned;
  const declarative::SqlRenderer& m_renderer;
};

}  // namespace forge::dialect
