#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/env_expansion.hpp"
#include "core/url.hpp"

namespace forge::core {

/// One line of a fleet's list of targets: a database URL or a config environment's name.
struct TargetLine {
  std::string text;   ///< with `${VAR}` expanded and surrounding blanks removed
  std::string where;  ///< `targets.txt:12`, for messages
  /// Set when the source named the database itself (a schema on the control server).
  std::optional<DatabaseUrl> url;
  /// A URL (`postgres://...`, `sqlite:file.db`) rather than an environment's name: names of
  /// environments never hold a colon.
  bool is_url() const { return url || text.find(':') != std::string::npos; }
};

/// The targets in `text`, one a line, in order: blank lines and lines starting with `#` (after
/// blanks) are skipped; `${VAR}` and `${VAR:-fallback}` are expanded through `getenv`. `source`
/// names the text in messages (a file name, `--targets-cmd`). Throws ConfigError naming
/// `source:line` for a variable that is unset, and for a list without any target.
std::vector<TargetLine> read_target_lines(std::string_view text, const std::string& source,
                                          const Getenv& getenv);

}  // namespace forge::core
