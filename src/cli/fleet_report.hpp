#pragma once
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "util/logging.hpp"

namespace forge::cli {

/// How one database of a fleet ended.
enum class Outcome { ok, failed, not_run };

/// One database's line in the fleet's report.
struct TargetResult {
  std::string target;       ///< its URL, redacted
  std::string environment;  ///< the config environment the list named; empty for a URL
  Outcome outcome = Outcome::not_run;
  int exit_code = 0;  ///< what the command alone would have exited with
  std::chrono::duration<double> elapsed{};
  std::string message, hint;  ///< the error, redacted, when it failed
  std::string document;       ///< the command's own JSON document for this database
  std::vector<std::pair<util::LogLevel, std::string>> log;  ///< its diagnostics, in order
};

/// Everything a fleet run reports.
struct FleetReport {
  std::string command;  ///< as typed: `db:migrate`
  std::vector<TargetResult> targets;
  std::string stop_reason;  ///< why targets were left unstarted; empty when none was
};

/// `ok`, `failed` or `notStarted`, as the table and the JSON report spell it.
const char* outcome_word(Outcome outcome);

/// The worst exit status of the targets (README, "Exit codes"): 0 when every one succeeded.
ExitCode worst_exit_code(const FleetReport& report);

/// A short account of one database's result for the table: `2 applied`, `latest <unit>, 1
/// pending`.
std::string target_summary(const TargetResult& result);

/// The table, one line per database (`--quiet`: only those that did not succeed), then the
/// count of each outcome; for status, also how many databases stand at each latest unit.
void print_fleet_table(const FleetReport& report, bool quiet);

/// The fleet's JSON document (README, "Machine-readable output").
void print_fleet_json(const FleetReport& report);

/// Writes the JUnit XML report to `path`: a testcase per database. Throws UsageError when it
/// cannot be written.
void write_junit(const FleetReport& report, const std::filesystem::path& path);

/// The targets an earlier fleet JSON report at `path` did not record as succeeded (failed, or
/// never started), as their redacted URLs. Throws UsageError when it cannot be read.
std::set<std::string> unfinished_targets(const std::filesystem::path& path);

/// Throws FleetError (the worst exit status) when not every database succeeded.
void throw_if_failed(const FleetReport& report);

}  // namespace forge::cli
