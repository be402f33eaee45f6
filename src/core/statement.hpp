#pragma once
#include <memory>
#include <string>
#include <vector>

namespace forge::core {

class Connection;

/// SQL that can only be written when its turn comes, from the schema as the statements before
/// it left it (SQLite's table rebuild copies the table's current definition).
class LateSql {
 public:
  virtual ~LateSql() = default;
  /// The statements to run now, in order, without terminating `;`. Throws MigrationFileError
  /// when the schema does not allow the change (no such table or column).
  virtual std::vector<std::string> write(Connection& connection) const = 0;
};

/// One SQL statement as written in a migration file (or rendered from a declarative operation).
struct Statement {
  std::string text;  ///< the statement, without its terminating delimiter
  std::string file;  ///< the file it came from, as shown to the user
  int line = 1;      ///< 1-based line in `file` where the statement starts
  /// Set for SQL written only when it runs: `text` then describes it (a `--` comment), and
  /// the runner runs what late->write() returns, each with this file and line.
  std::shared_ptr<const LateSql> late = nullptr;
};

}  // namespace forge::core
