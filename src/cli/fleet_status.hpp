#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "cli/fleet_report.hpp"

// "Which tenants are behind?": a fleet's status documents grouped by the newest unit each
// database has applied.
namespace forge::cli {

/// `latest <unit>, N pending` from one database's status document.
std::string status_summary(const nlohmann::ordered_json& document);

/// The report holds status documents (db:migrate:status on a fleet).
bool is_status_report(const FleetReport& report);

/// One line per newest applied unit, newest first, with how many databases stand there and
/// how many of them have units pending: `20240103-orders  195 database(s)`.
std::string version_lines(const FleetReport& report);

/// The same as JSON: `[{ "latest": "<unit>" | null, "databases": 195, "pending": 0 }]`.
nlohmann::ordered_json version_json(const FleetReport& report);

}  // namespace forge::cli
