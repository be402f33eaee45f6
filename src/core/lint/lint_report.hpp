#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/finding.hpp"

namespace forge::core::lint {

/// How `forge lint` prints its findings.
enum class ReportFormat { text, json, sarif, github };

/// Parses `text`, `json`, `sarif` or `github`; nullopt when unknown.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// Compiler-style lines: `file:line:col: error[CODE] message`, then `  lock: ...` and
/// `  fix: ...` when known.
std::string text_report(const std::vector<Finding>& findings);
/// A JSON array of {file, line, column, code, severity, message, lock, fix}.
std::string json_report(const std::vector<Finding>& findings);
/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=CODE::message`.
std::string github_report(const std::vector<Finding>& findings);
/// A SARIF 2.1.0 log: one run whose driver lists every rule, and one result per finding.
std::string sarif_report(const std::vector<Finding>& findings, const std::string& version);

}  // namespace forge::core::lint
