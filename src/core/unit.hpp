#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/section_statements.hpp"
#include "core/unit_checksum.hpp"

namespace forge::core {

/// One direction (up or down) of a unit, as loaded from its file.
struct Section {
  std::string file;              ///< the file it was read from, as shown to the user
  int first_line = 1;            ///< line of `file` where the section's text begins
  std::string text;              ///< the section's SQL, line endings normalised (for a
                                 ///< declarative unit, the SQL rendered from it)
  bool in_transaction = true;    ///< false for `transaction:false` / `.autocommit`
  SectionStatements statements;  ///< split with the target dialect's rules when first read;
                                 ///< may be empty
};

/// A section that is one program (LateSql::is_program): its statements are known only as it runs.
/// A large unit's streamed SQL is none, and is not read (held) to find out.
inline bool is_program(const Section& section) {
  return !section.statements.is_streamed() && section.statements.size() == 1 &&
         section.statements.front().late && section.statements.front().late->is_program();
}

/// A migration unit as loaded for one dialect: an up, and a down when it can be undone.
struct Unit {
  std::string version;  ///< the leading digits of its file name
  std::string name;     ///< its stem (`20240315102344-add-discount-code`), the history key
  std::vector<std::string> files;  ///< every file of the unit, for messages and references
  Section up;
  std::optional<Section> down;  ///< nullopt: the unit cannot be undone
  std::string irreversible;     ///< why there is no down, when the file says more than "none"
  UnitChecksum checksum;        ///< SHA-256 of the up section as written
  /// The name its history row gets when forge applies it, when not `name`: sequelize-cli's
  /// `<name>.js` when that JavaScript twin lies beside it, so sequelize-cli sees it applied too.
  std::string history_name;
};

}  // namespace forge::core
