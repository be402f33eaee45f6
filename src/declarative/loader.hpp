#pragma once
#include <string>

#include "declarative/document.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

/// Loads a declarative unit from the text of a `.yaml`, `.yml` or `.json` file (yaml-cpp reads
/// JSON too); `file` names it in locations. Validates everything the format can know without a
/// database: the YAML itself, each operation's name, options, required fields and their shapes,
/// types, defaults and where-expressions. Throws MigrationFileError whose message starts
/// `file:line:column:` and says what is wrong and what would be right. A missing `down` stays
/// nullopt (see derive_down); `down: []` means there is nothing to undo.
DeclarativeUnit load_declarative(const std::string& text, const std::string& file);

/// load_declarative on the tree parse_document gave (a large unit's outline).
DeclarativeUnit read_unit(const DocumentNode& root, const std::string& file);

}  // namespace forge::declarative
