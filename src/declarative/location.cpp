#include "declarative/location.hpp"

#include "core/errors.hpp"

namespace forge::declarative {

std::string to_string(const SourceLocation& location) {
  if (location.line <= 0) return location.file;
  std::string text = location.file + ":" + std::to_string(location.line);
  if (location.column > 0) text += ":" + std::to_string(location.column);
  return text;
}

void fail_at(const SourceLocation& location, const std::string& problem) {
  throw MigrationFileError(location.file, location.line, location.column, problem,
                           "Fix the declarative unit; forge checks every unit before it connects.");
}

const SourceLocation& Origin::of(std::string_view option) const {
  const auto found = options.find(option);
  return found == options.end() ? location : found->second;
}

bool Origin::has(std::string_view option) const { return options.count(option) > 0; }

}  // namespace forge::declarative
