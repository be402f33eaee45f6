#pragma once
#include <vector>

#include "cli/fleet_options.hpp"
#include "core/config.hpp"
#include "core/fleet_targets.hpp"

namespace forge::cli {

/// The target lines of the source `fleet` names: the lines of --targets FILE, of what
/// --targets-cmd prints, or the first column of each row --targets-query returns on the database
/// `settings` name (a URL, or a schema/database name on that same server). Throws ConfigError
/// when the file cannot be read, the command fails, or a row is neither.
std::vector<core::TargetLine> fleet_lines(const FleetOptions& fleet,
                                          const core::Settings& settings);

}  // namespace forge::cli
