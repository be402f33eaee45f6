#include "cli/fleet_status.hpp"

#include <map>
#include <nlohmann/json.hpp>

namespace forge::cli {

namespace {

using Json = nlohmann::ordered_json;

// The newest applied unit of a status document ("" when none) and how many are not applied.
struct Standing {
  std::string latest;
  std::size_t pending = 0;
};

Standing standing_of(const Json& document) {
  Standing standing;
  for (const auto& unit : document["migrations"]) {
    if (unit.value("status", "") == "up") {
      standing.latest = unit.value("name", "");
    } else {
      ++standing.pending;
    }
  }
  return standing;
}

struct Group {
  std::size_t databases = 0;
  std::size_t behind = 0;  // with units pending
};

// Newest first: unit names start with their version, so they sort by it.
std::map<std::string, Group, std::greater<>> groups_of(const FleetReport& report) {
  std::map<std::string, Group, std::greater<>> groups;
  for (const auto& result : report.targets) {
    if (result.outcome != Outcome::ok) continue;
    const Json document = Json::parse(result.document, nullptr, false);
    if (!document.is_object() || !document.contains("migrations")) continue;
    const Standing standing = standing_of(document);
    Group& group = groups[standing.latest];
    ++group.databases;
    if (standing.pending > 0) ++group.behind;
  }
  return groups;
}

}  // namespace

std::string status_summary(const Json& document) {
  const Standing standing = standing_of(document);
  return "latest " + (standing.latest.empty() ? std::string("(none applied)") : standing.latest) +
         ", " + std::to_string(standing.pending) + " pending";
}

bool is_status_report(const FleetReport& report) { return report.command == "db:migrate:status"; }

std::string version_lines(const FleetReport& report) {
  std::string text = "\nnewest applied unit, and the databases there:\n";
  for (const auto& [latest, group] : groups_of(report)) {
    text += "  " + (latest.empty() ? std::string("(none applied)") : latest) + "  " +
            std::to_string(group.databases) + " database(s)";
    if (group.behind > 0) text += ", " + std::to_string(group.behind) + " with units pending";
    text += "\n";
  }
  return text;
}

Json version_json(const FleetReport& report) {
  Json versions = Json::array();
  for (const auto& [latest, group] : groups_of(report)) {
    versions.push_back({{"latest", latest.empty() ? Json(nullptr) : Json(latest)},
                        {"databases", group.databases},
                        {"pending", group.behind}});
  }
  return versions;
}

}  // namespace forge::cli
