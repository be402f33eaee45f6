#pragma once
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace forge::declarative {

/// Where something was written in a declarative unit. Line and column are 1-based; 0 when
/// unknown (an empty file).
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// `file:line:column`, leaving out the parts that are unknown.
std::string to_string(const SourceLocation& location);

/// Throws MigrationFileError whose message is `file:line:column: problem`.
[[noreturn]] void fail_at(const SourceLocation& location, const std::string& problem);

/// Where an operation (or a column, constraint, index field) and each of its options were
/// written, so later checks (a dialect that cannot honour an option) can point at the option.
struct Origin {
  SourceLocation location;  ///< its name: the operation's key, the column's name
  std::map<std::string, SourceLocation, std::less<>> options;  ///< each written option's key

  /// Where `option` was written; `location` when it was not written.
  const SourceLocation& of(std::string_view option) const;
  /// True when `option` was written in the file (rather than left to its default).
  bool has(std::string_view option) const;
};

}  // namespace forge::declarative
