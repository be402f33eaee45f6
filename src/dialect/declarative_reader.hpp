#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

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
  /// `renderer` must outlive the reader and the units it reads.
  explicit RenderingReader(const declarative::SqlRenderer& renderer)
      : m_renderer(std::shared_ptr<const declarative::SqlRenderer>(), &renderer) {}
  /// The units read keep `renderer` (a large unit renders its statements as they run).
  explicit RenderingReader(std::shared_ptr<const declarative::SqlRenderer> renderer)
      : m_renderer(std::move(renderer)) {}

  core::DeclarativeSections read(const std::string& text, const std::string& file) const override;
  /// A unit whose bulkInserts' rows are block lists, read without holding them: its sections'
  /// statements are rendered a batch of rows at a time whenever they are gone through (see
  /// streamed_declarative.hpp). nullopt for a unit of another shape.
  std::optional<core::DeclarativeSections> read_large(const std::string& file) const override;

 private:
  std::shared_ptr<const declarative::SqlRenderer> m_renderer;
};

/// The section of a small list of operations, its statements all rendered now.
core::Section render_section(const std::vector<declarative::Operation>& operations,
                             const std::string& file, const declarative::SqlRenderer& renderer);

/// Gives `sections` the down derived from `up` (see derive_down), or says why there is none.
void add_derived_down(core::DeclarativeSections& sections,
                      const std::vector<declarative::Operation>& up, const std::string& file,
                      const declarative::SqlRenderer& renderer);

/// Gives `each` the statements of `operation` in order, as the sections of a declarative unit
/// hold them: late SQL for an operation written from the live schema, else the rendered SQL,
/// each at the operation's line. Throws MigrationFileError as the renderer's check does.
void render_operation(const declarative::Operation& operation, const std::string& file,
                      const declarative::SqlRenderer& renderer,
                      const std::function<void(core::Statement)>& each);

}  // namespace forge::dialect
