#include "core/lint/lint_report.hpp"

#include <nlohmann/json.hpp>

#include "core/lint/rule_catalog.hpp"
#include "util/json_text.hpp"

namespace forge::core::lint {

namespace {

using nlohmann::ordered_json;

// GitHub's workflow commands end a property at `,` or `:` and a line at a newline.
std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string github_level(Severity severity) {
  if (severity == Severity::error) return "error";
  return severity == Severity::warning ? "warning" : "notice";
}

std::string sarif_level(Severity severity) {
  return severity == Severity::info ? "note" : std::string(severity_name(severity));
}

ordered_json sarif_rule(const RuleInfo& rule) {
  std::string full = rule.summary + " (" + rule.dialects + ")";
  if (!rule.squawk.empty()) full += "; squawk: " + rule.squawk;
  return ordered_json{{"id", rule.code},
                      {"name", rule.name},
                      {"shortDescription", {{"text", rule.summary}}},
                      {"fullDescription", {{"text", full}}},
                      {"defaultConfiguration", {{"level", sarif_level(rule.severity)}}}};
}

ordered_json sarif_result(const Finding& finding) {
  std::string text = finding.message;
  if (!finding.lock.empty()) text += " Lock: " + finding.lock + ".";
  if (!finding.fix.empty()) text += " Fix: " + finding.fix + ".";
  const ordered_json region = {{"startLine", finding.position.line},
                               {"startColumn", finding.position.column}};
  const ordered_json location = {
      {"physicalLocation",
       {{"artifactLocation", {{"uri", finding.position.file}}}, {"region", region}}}};
  return ordered_json{{"ruleId", finding.code},
                      {"level", sarif_level(finding.severity)},
                      {"message", {{"text", text}}},
                      {"locations", ordered_json::array({location})}};
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  if (name == "sarif") return ReportFormat::sarif;
  if (name == "github") return ReportFormat::github;
  return std::nullopt;
}

std::string text_report(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += f.position.file + ":" + std::to_string(f.position.line) + ":" +
           std::to_string(f.position.column) + ": " + std::string(severity_name(f.severity)) + "[" +
           f.code + "] " + f.message + "\n";
    if (!f.lock.empty()) out += "  lock: " + f.lock + "\n";
    if (!f.fix.empty()) out += "  fix: " + f.fix + "\n";
  }
  return out;
}

std::string json_report(const std::vector<Finding>& findings) {
  ordered_json array = ordered_json::array();
  for (const Finding& f : findings) {
    array.push_back({{"file", f.position.file},
                     {"line", f.position.line},
                     {"column", f.position.column},
                     {"code", f.code},
                     {"severity", severity_name(f.severity)},
                     {"message", f.message},
                     {"lock", f.lock},
                     {"fix", f.fix}});
  }
  return util::json_text(array) + "\n";
}

std::string github_report(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    std::string message = f.message;
    if (!f.fix.empty()) message += "\nfix: " + f.fix;
    out += "::" + github_level(f.severity) + " file=" + github_escape(f.position.file, true) +
           ",line=" + std::to_string(f.position.line) +
           ",col=" + std::to_string(f.position.column) + ",title=" + github_escape(f.code, true) +
           "::" + github_escape(message, false) + "\n";
  }
  return out;
}

std::string sarif_report(const std::vector<Finding>& findings, const std::string& version) {
  ordered_json rules = ordered_json::array();
  for (const RuleInfo& rule : rule_catalog()) rules.push_back(sarif_rule(rule));
  ordered_json results = ordered_json::array();
  for (const Finding& finding : findings) results.push_back(sarif_result(finding));
  // No informationUri: the project publishes no home page to point at, and the field is optional.
  const ordered_json driver = {{"name", "forge"}, {"version", version}, {"rules", rules}};
  const ordered_json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", ordered_json::array({{{"tool", {{"driver", driver}}}, {"results", results}}})}};
  return util::json_text(log) + "\n";
}

}  // namespace forge::core::lint
