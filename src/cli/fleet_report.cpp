#include "cli/fleet_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/fleet_status.hpp"
#include "cli/output.hpp"

namespace forge::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string seconds(std::chrono::duration<double> elapsed) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fs", elapsed.count());
  return buffer;
}

// The units a run document lists, in the words of its direction.
std::string run_summary(const Json& document) {
  const std::size_t count = document["units"].size();
  const bool down = count > 0 && document["units"][0].value("direction", "up") == "down";
  const bool dry_run = document.value("dryRun", false);
  std::string text = std::to_string(count) + (dry_run ? " would run"
                                              : down  ? " reverted"
                                                      : " applied");
  if (document.contains("failedUnit") && document["failedUnit"].is_string()) {
    text += ", stopped at " + document["failedUnit"].get<std::string>();
  }
  return text;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string table_line(const TargetResult& result, std::size_t width) {
  std::string line = padded(outcome_word(result.outcome), 12) + padded(result.target, width) + "  ";
  if (result.outcome == Outcome::not_run) return line + "(not started)";
  line += seconds(result.elapsed) + "  " + target_summary(result);
  if (result.outcome == Outcome::failed) line += "\n            error: " + result.message;
  return line;
}

std::string counts_line(const FleetReport& report) {
  std::map<Outcome, std::size_t> counts;
  for (const auto& result : report.targets) ++counts[result.outcome];
  std::string line = std::to_string(report.targets.size()) +
                     " database(s): " + std::to_string(counts[Outcome::ok]) + " ok, " +
                     std::to_string(counts[Outcome::failed]) + " failed, " +
                     std::to_string(counts[Outcome::not_run]) + " not started";
  if (!report.stop_reason.empty()) line += " (stopped: " + report.stop_reason + ")";
  return line;
}

}  // namespace

const char* outcome_word(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok:
      return "ok";
    case Outcome::failed:
      return "failed";
    case Outcome::not_run:
      break;
  }
  return "notStarted";
}

ExitCode worst_exit_code(const FleetReport& report) {
  int worst = 0;
  for (const auto& result : report.targets) worst = std::max(worst, result.exit_code);
  return static_cast<ExitCode>(worst);
}

std::string target_summary(const TargetResult& result) {
  const Json document = Json::parse(result.document, nullptr, false);
  // lint's document: its findings.
  if (document.is_array()) return std::to_string(document.size()) + " finding(s)";
  if (document.is_discarded() || !document.is_object()) return "";
  if (document.contains("units")) return run_summary(document);
  if (document.contains("migrations")) return status_summary(document);
  return "";
}

void print_fleet_table(const FleetReport& report, bool quiet) {
  std::size_t width = 0;
  for (const auto& result : report.targets) width = std::max(width, result.target.size());
  std::string text;
  for (const auto& result : report.targets) {
    if (quiet && result.outcome == Outcome::ok) continue;
    text += table_line(result, width) + "\n";
  }
  if (!quiet && is_status_report(report)) text += version_lines(report);
  print_line(text + counts_line(report), false);
}

void throw_if_failed(const FleetReport& report) {
  const ExitCode worst = worst_exit_code(report);
  if (worst == ExitCode::ok) return;
  const auto failed =
      std::count_if(report.targets.begin(), report.targets.end(),
                    [](const auto& result) { return result.outcome == Outcome::failed; });
  const auto first =
      std::find_if(report.targets.begin(), report.targets.end(),
                   [](const auto& result) { return result.outcome == Outcome::failed; });
  std::string message = std::to_string(failed) + " of " + std::to_string(report.targets.size()) +
                        " database(s) failed";
  if (first != report.targets.end()) message += ", first " + first->target + ": " + first->message;
  throw FleetError(message,
                   "Fix the cause, then run the same command with --only-failed REPORT.json "
                   "(the report --json printed) to finish the rest.",
                   worst);
}

}  // namespace forge::cli
