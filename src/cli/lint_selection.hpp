#pragma once
#include <memory>
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace forge::cli {

/// What `forge lint` was asked for.
struct LintRequest {
  std::vector<std::string> units;  ///< references; empty: see select_lint_units
  bool all = false;
  std::string since;    ///< a git commit; empty: not given
  std::string dialect;  ///< --dialect; empty: from the URL or config
  std::string format = "text";
};

/// The units to lint and the dialect to read them in.
struct LintSelection {
  core::Dialect dialect = core::Dialect::postgres;
  std::shared_ptr<const std::vector<core::Unit>> loaded;  ///< every unit in the folder
  std::vector<const core::Unit*> units;                   ///< those picked, pointing into `loaded`
  /// A read-only session with the configured database, whose rows refine the findings; null
  /// when no database is configured (or only --dialect was given).
  std::unique_ptr<core::Connection> live;
};

/// The units `request` names; else those added since `--since`; else every unit with `--all`;
/// else the database's pending units when one is configured, or every unit (saying so). The
/// dialect is --dialect's, else the URL's. A configured database is opened (read-only) for
/// `live` unless --dialect alone says what to expect. Throws UsageError when neither names a
/// dialect, for an unknown unit reference, and when git fails.
LintSelection select_lint_units(const GlobalOptions& options, const LintRequest& request);

}  // namespace forge::cli
