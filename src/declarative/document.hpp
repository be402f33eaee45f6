#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "declarative/location.hpp"

namespace forge::declarative {

struct MapEntry;

/// A YAML (or JSON) value as read from a file, with where each part was written. The loader
/// works on this tree so that only document.cpp sees yaml-cpp.
struct DocumentNode {
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  std::string text;                 ///< a scalar's text
  bool quoted = false;              ///< a quoted (or explicitly tagged) scalar: always text
  std::vector<DocumentNode> items;  ///< a sequence's items
  std::vector<MapEntry> entries;    ///< a map's entries in file order; no key twice
  SourceLocation location;

  /// The value of the map entry `key`, or nullptr (also when this is not a map).
  const DocumentNode* find(std::string_view key) const;
};

/// One key of a map, where the key was written, and its value.
struct MapEntry {
  std::string key;
  SourceLocation key_location;
  DocumentNode value;
};

/// Where the lines of a text parsed apart from the rest of its file lie in the file: from line
/// `from_line` of the text on (until the next shift), line n of the text is line n + `by`.
struct LineShift {
  int from_line = 1;
  int by = 0;
};

/// Parses `text` (YAML 1.2, which reads JSON too) into a tree; `file` names it in locations.
/// Throws MigrationFileError at yaml-cpp's position for a syntax error, and at the offending
/// key for a key written twice in one map or a key that is not a scalar; a second document
/// (`---`) and lists and maps nested more than 100 deep are refused too. `shifts` (in order
/// of `from_line`) place a text cut from a larger file (a large unit's parts) at its lines.
DocumentNode parse_document(const std::string& text, const std::string& file,
                            const std::vector<LineShift>& shifts = {});

/// The node's content in one canonical line (no comments, layout or locations): equal for two
/// files that differ only in how they are written, so it can be checksummed.
std::string canonical_form(const DocumentNode& node);
/// canonical_form(node), appended to `out` (a large unit's rows, one buffer for all).
void append_canonical_form(const DocumentNode& node, std::string& out);

/// How a node reads in a message: `a map`, `a list`, `nothing (null)`, `'abc'`.
std::string describe(const DocumentNode& node);

}  // namespace forge::declarative
