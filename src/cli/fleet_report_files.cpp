// The fleet report as documents: --json on stdout, --junit FILE, and --only-failed reading an
// earlier --json report back.
#include <nlohmann/json.hpp>

#include "cli/fleet_report.hpp"
#include "cli/fleet_status.hpp"
#include "util/files.hpp"
#include "util/json_text.hpp"
#include "util/redaction.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {

using Json = nlohmann::ordered_json;

long long milliseconds(std::chrono::duration<double> elapsed) {
  return static_cast<long long>(elapsed.count() * 1000.0 + 0.5);
}

Json target_json(const TargetResult& result) {
  Json out;
  out["target"] = result.target;
  out["environment"] = result.environment.empty() ? Json(nullptr) : Json(result.environment);
  out["status"] = outcome_word(result.outcome);
  out["exitCode"] = result.exit_code;
  out["durationMs"] = milliseconds(result.elapsed);
  out["summary"] = result.outcome == Outcome::not_run ? "" : target_summary(result);
  const Json document = Json::parse(result.document, nullptr, false);
  // A run's or status's document, or lint's array of findings.
  out["result"] = document.is_object() || document.is_array() ? document : Json(nullptr);
  // A command that prints text (verify): what it printed.
  if (out["result"].is_null() && !result.document.empty()) {
    out["output"] = util::redact(result.document);
  }
  out["error"] = result.outcome == Outcome::failed
                     ? Json{{"message", result.message}, {"hint", result.hint}}
                     : Json(nullptr);
  return out;
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string testcase_xml(const FleetReport& report, const TargetResult& result) {
  std::string xml = "    <testcase classname=\"forge." + xml_escaped(report.command) +
                    "\" name=\"" + xml_escaped(result.target) + "\" time=\"" +
                    std::to_string(result.elapsed.count()) + "\"";
  if (result.outcome == Outcome::ok) return xml + "/>\n";
  xml += ">\n";
  if (result.outcome == Outcome::not_run) {
    xml +=
        "      <skipped message=\"" + xml_escaped("not started: " + report.stop_reason) + "\"/>\n";
  } else {
    xml += "      <failure message=\"" + xml_escaped(result.message) + "\" type=\"exit " +
           std::to_string(result.exit_code) + "\">" + xml_escaped(result.hint) + "</failure>\n";
  }
  return xml + "    </testcase>\n";
}

}  // namespace

void print_fleet_json(const FleetReport& report) {
  Json document;
  document["formatVersion"] = 1;
  document["command"] = report.command;
  document["fleet"] = true;
  document["ok"] = worst_exit_code(report) == ExitCode::ok;
  document["exitCode"] = static_cast<int>(worst_exit_code(report));
  document["stoppedBecause"] =
      report.stop_reason.empty() ? Json(nullptr) : Json(report.stop_reason);
  Json targets = Json::array();
  std::size_t ok = 0, failed = 0;
  for (const auto& result : report.targets) {
    targets.push_back(target_json(result));
    ok += result.outcome == Outcome::ok ? 1 : 0;
    failed += result.outcome == Outcome::failed ? 1 : 0;
  }
  document["summary"] = {{"databases", report.targets.size()},
                         {"ok", ok},
                         {"failed", failed},
                         {"notStarted", report.targets.size() - ok - failed}};
  if (is_status_report(report)) document["versions"] = version_json(report);
  document["targets"] = std::move(targets);
  util::write_output(util::json_text(document) + "\n");
}

void write_junit(const FleetReport& report, const std::filesystem::path& path) {
  std::size_t failures = 0, skipped = 0;
  double total = 0;
  std::string cases;
  for (const auto& result : report.targets) {
    failures += result.outcome == Outcome::failed ? 1 : 0;
    skipped += result.outcome == Outcome::not_run ? 1 : 0;
    total += result.elapsed.count();
    cases += testcase_xml(report, result);
  }
  const std::string counts = "tests=\"" + std::to_string(report.targets.size()) + "\" failures=\"" +
                             std::to_string(failures) + "\" skipped=\"" + std::to_string(skipped) +
                             "\"";
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites " + counts +
                          ">\n  <testsuite name=\"forge " + xml_escaped(report.command) + "\" " +
                          counts + " errors=\"0\" time=\"" + std::to_string(total) + "\">\n" +
                          cases + "  </testsuite>\n</testsuites>\n";
  try {
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
    util::replace_file(path, xml);
  } catch (const std::exception& error) {
    throw UsageError(std::string("cannot write the JUnit report: ") + error.what(),
                     "Point --junit at a file in a folder forge may write to.");
  }
}

std::set<std::string> unfinished_targets(const std::filesystem::path& path) {
  const auto refuse = [&](const std::string& why) {
    return UsageError("--only-failed " + path.string() + ": " + why,
                      "Give the file an earlier fleet run printed with --json.");
  };
  std::string text;
  try {
    text = util::read_file(path);
  } catch (const std::exception& error) {
    throw refuse(error.what());
  }
  const Json report = Json::parse(text, nullptr, false);
  if (!report.is_object() || !report.value("fleet", false) || !report["targets"].is_array()) {
    throw refuse("not a fleet's JSON report");
  }
  std::set<std::string> targets;
  for (const auto& target : report["targets"]) {
    if (target.value("status", "") != "ok") targets.insert(target.value("target", ""));
  }
  return targets;
}

}  // namespace forge::cli
