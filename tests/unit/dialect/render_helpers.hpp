#pragma once
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "declarative/loader.hpp"
#include "declarative/renderer.hpp"

namespace forge::dialect::testing {

/// The file every test unit is loaded as.
inline const std::string k_file = "20240315102344-change.yaml";

/// `file:line:column: ` as MigrationFileError messages begin.
inline std::string at(int line, int column) {
  return k_file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
}

/// A table whose two columns have types given per database.
inline const std::string k_native_types_unit = R"(up:
  - createTable:
      table: t
      columns:
        a: { type: { postgres: INET, mysql: VARCHAR(45), sqlite: TEXT } }
        b: { type: { postgres: "VARCHAR(40)[]", mysql: LONGTEXT, sqlite: TEXT COLLATE NOCASE } }
)";

/// The up operations of the unit `yaml`.
inline std::vector<declarative::Operation> up(const std::string& yaml) {
  return declarative::load_declarative(yaml, k_file).up;
}

/// Every statement the up operations of `yaml` render to, in order.
inline std::vector<std::string> render(const declarative::SqlRenderer& renderer,
                                       const std::string& yaml) {
  std::vector<std::string> statements;
  for (const declarative::Operation& operation : up(yaml)) {
    for (std::string& statement : renderer.render(operation))
      statements.push_back(std::move(statement));
  }
  return statements;
}

/// The message of the MigrationFileError check() throws for the unit's first up operation;
/// "(no error)" when it throws none.
inline std::string check_error(const declarative::SqlRenderer& renderer, const std::string& yaml) {
  try {
    renderer.check(up(yaml).at(0));
  } catch (const MigrationFileError& e) {
    return e.what();
  }
  return "(no error)";
}

/// The notes check() returns for the unit's first up operation, as `line:column: message`.
inline std::vector<std::string> notes_of(const declarative::SqlRenderer& renderer,
                                         const std::string& yaml) {
  std::vector<std::string> notes;
  for (const declarative::RenderNote& note : renderer.check(up(yaml).at(0))) {
    notes.push_back(std::to_string(note.location.line) + ":" +
                    std::to_string(note.location.column) + ": " + note.message);
  }
  return notes;
}

/// The table name the injection tests use on every dialect.
inline const std::string k_hostile_table = "x\"; DROP TABLE users; --";

}  // namespace forge::dialect::testing
