#include "cli/fleet_run.hpp"

#include <sys/resource.h>

#include <chrono>
#include <csignal>
#include <filesystem>

#include "cli/fleet_progress.hpp"
#include "cli/fleet_report.hpp"
#include "cli/fleet_targets.hpp"
#include "core/errors.hpp"
#include "core/fleet_pool.hpp"
#include "dialect/registry.hpp"
#include "util/redaction.hpp"
#include "util/shutdown.hpp"
#include "util/strings.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {

// SQLite keeps a descriptor open per database file it locked (sqlite_file_lock.cpp): a fleet of
// a thousand files needs more than the usual soft limit of 1024.
void raise_open_file_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == limit.rlim_max) return;
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

void record_failure(TargetResult& result, int exit_code, const std::string& message,
                    const std::string& hint) {
  result.outcome = Outcome::failed;
  result.exit_code = exit_code;
  result.message = util::redact(message);
  result.hint = util::redact(hint);
}

// One database, on the calling worker thread, with what it prints kept in `result`.
void run_target(const GlobalOptions& options, const FleetTarget& target, const TargetWork& work,
                TargetResult& result) {
  const dialect::SessionThread session_thread;
  GlobalOptions mine = options;
  mine.fleet_target = &target;
  const auto start = std::chrono::steady_clock::now();
  util::ThreadCapture capture;
  try {
    work(mine);
    result.outcome = Outcome::ok;
  } catch (const Error& error) {
    record_failure(result, static_cast<int>(error.exit_code()), error.what(), error.hint());
  } catch (const std::exception& error) {
    record_failure(result, static_cast<int>(ExitCode::unit_failed),
                   std::string("unexpected failure: ") + error.what(), "");
  }
  result.elapsed = std::chrono::steady_clock::now() - start;
  result.document = capture.output();
  result.log = capture.log();
}

// A database's diagnostics, each naming it, as one block between other databases' blocks. A
// command that prints text (verify) says there what failed (the differences it found).
void print_log(const TargetResult& result, bool prints_text) {
  for (const auto& [level, text] : result.log) util::log_text(level, result.target + ": " + text);
  if (result.outcome == Outcome::failed && prints_text) {
    for (const std::string& line : util::split(result.document, '\n')) {
      if (!line.empty()) util::log_text(util::LogLevel::info, result.target + ": " + line);
    }
  }
  if (result.outcome == Outcome::failed) {
    util::log_text(util::LogLevel::error, result.target + ": " + result.message);
  }
}

FleetReport run_targets(const GlobalOptions& options, const FleetOptions& fleet,
                        const FleetCommand& command, const std::vector<FleetTarget>& targets,
                        const TargetWork& work) {
  FleetReport report{command.name, std::vector<TargetResult>(targets.size()), {}};
  for (std::size_t i = 0; i < targets.size(); ++i) {
    report.targets[i].target = targets[i].url.redacted();
    report.targets[i].environment = targets[i].environment;
  }
  core::RolloutPolicy policy = fleet.policy();
  if (command.reads_only) policy = {0, std::nullopt};
  core::Rollout rollout(targets.size(), policy);
  FleetProgress progress(targets.size(), stderr_is_terminal() && !options.quiet);
  // A first signal now stops starting databases and stops the running ones cleanly.
  const util::GracefulStop graceful({});
  core::run_pool(fleet.parallel, rollout, [&](std::size_t index) {
    progress.started();
    TargetResult& result = report.targets[index];
    run_target(options, targets[index], work, result);
    progress.above([&] { print_log(result, command.prints_text); });
    progress.finished(result.outcome == Outcome::ok);
    return result.outcome == Outcome::ok;
  });
  report.stop_reason = rollout.stop_reason();
  return report;
}

}  // namespace

void run_fleet(const GlobalOptions& options, const FleetOptions& fleet, const FleetCommand& command,
               const TargetWork& work) {
  if (options.flags.url && fleet.targets_query.empty()) {
    throw UsageError(
        "--url names the control database of --targets-query; with --targets or "
        "--targets-cmd the list names every database",
        "Drop --url, or list the databases with --targets-query 'SQL'.");
  }
  const std::vector<FleetTarget> targets = resolve_fleet(options, fleet, command.units);
  util::log_info("{} on {} database(s), {} at a time", command.name, targets.size(),
                 std::min<std::size_t>(fleet.parallel, targets.size()));
  raise_open_file_limit();
  for (const FleetTarget& target : targets) dialect::prepare_for_threads(target.url.dialect);
  const FleetReport report = run_targets(options, fleet, command, targets, work);
  if (command.json) {
    print_fleet_json(report);
  } else {
    print_fleet_table(report, options.quiet);
  }
  if (!fleet.junit.empty()) write_junit(report, fleet.junit);
  if (const int signal = util::stop_signal(); signal != 0) {
    throw InterruptedError(signal,
                           " during the fleet run; the report lists where each database stands",
                           "Run the command again with --only-failed REPORT.json to carry on.");
  }
  throw_if_failed(report);
}

}  // namespace forge::cli
