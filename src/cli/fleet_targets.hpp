#pragma once
#include <vector>

#include "cli/context.hpp"
#include "cli/fleet_options.hpp"

namespace forge::cli {

/// The databases of a fleet, in the order listed: read from --targets, --targets-cmd or
/// --targets-query, narrowed by --only-failed, each resolved to its settings and URL, with the
/// units of `set` read once per folder and dialect. Everything is checked before any database
/// is touched: throws ConfigError naming the list and line of a bad target, UsageError for an
/// unreadable report.
std::vector<FleetTarget> resolve_fleet(const GlobalOptions& options, const FleetOptions& fleet,
                                       UnitSet set);

}  // namespace forge::cli
