#pragma once
#include <string_view>

#include "declarative/document.hpp"

namespace forge::declarative {

/// Reads `text`, a one-line flow map of plain and quoted scalars (`{ id: 1, name: 'Ann' }`,
/// `{"id": 1}`), maybe followed by a comment, into `row`, as the tree parse_document gives for
/// it, without yaml-cpp: how the rows of a large bulkInsert are read, many times faster. `at` is
/// where the `{` is. `row`'s storage is reused, so reading a million rows into one node costs few
/// allocations. False for anything outside that plain subset (an escape, a nested list or map, an
/// alias, a key written twice, a control or non-ASCII byte, ...), `row` then holding anything:
/// the caller parses the text instead.
bool read_flow_row(std::string_view text, const SourceLocation& at, DocumentNode& row);

}  // namespace forge::declarative
