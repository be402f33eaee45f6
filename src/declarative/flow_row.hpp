#pragma once
#include <optional>
#include <string_view>

#include "declarative/document.hpp"

namespace forge::declarative {

/// Reads `text`, a one-line flow map of plain and quoted scalars (`{ id: 1, name: 'Ann' }`,
/// `{"id": 1}`), maybe followed by a comment, into the tree parse_document gives for it, without
/// yaml-cpp: how the rows of a large bulkInsert are read, many times faster. `at` is where the
/// `{` is. nullopt for anything outside that plain subset (an escape, a nested list or map, an
/// alias, a key written twice, a control or non-ASCII byte, ...): the caller then parses it.
std::optional<DocumentNode> read_flow_row(std::string_view text, const SourceLocation& at);

}  // namespace forge::declarative
