#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/source.hpp"
#include "declarative/renderer.hpp"

namespace forge::dialect {

/// The sections of the large declarative unit at `file` (see read_streamed_unit): the rows'
/// statements are rendered, a batch of rows at a time, whenever they are gone through, and never
/// all held; every row is checked against what the dialect can honour as it is read. The
/// checksum is the one the whole read gives, worked out by the first pass through every row of
/// the up list (the run that sends them) or, asked before that, by a read of every row. A unit
/// whose up streams rows and that has no down list gets no derived down (it would delete the rows
/// one by one, in reverse), and says so. nullopt for a unit of another shape, which is then read
/// whole.
std::optional<core::DeclarativeSections> read_streamed_sections(
    const std::string& file, std::shared_ptr<const declarative::SqlRenderer> renderer);

}  // namespace forge::dialect
