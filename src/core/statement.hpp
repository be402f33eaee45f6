#pragma once
#include <string>

namespace forge::core {

/// One SQL statement as written in a migration file.
struct Statement {
  std::string text;  ///< the statement, without its terminating delimiter
  std::string file;  ///< the file it came from, as shown to the user
  int line = 1;      ///< 1-based line in `file` where the statement starts
};

}  // namespace forge::core
