#include "cli/fleet_sources.hpp"

#include <chrono>

#include "cli/context.hpp"
#include "core/errors.hpp"
#include "core/statement.hpp"
#include "dialect/url_params.hpp"
#include "util/files.hpp"
#include "util/redaction.hpp"
#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace forge::cli {

namespace {

constexpr auto k_command_limit = std::chrono::minutes(5);

std::string read_list_file(const std::string& path) {
  try {
    return util::read_file(path);
  } catch (const std::exception& error) {
    throw ConfigError("cannot read --targets " + path + ": " + error.what(),
                      "Name a file that lists one database URL or config environment a line.");
  }
}

std::string command_output(const std::string& command) {
  const util::ProcessResult result = util::run_process({"/bin/sh", "-c", command}, k_command_limit);
  if (result.exit_code != 0 || result.timed_out) {
    const std::string why = result.timed_out ? "ran longer than 5 minutes"
                                             : "exited with " + std::to_string(result.exit_code);
    throw ConfigError(
        "--targets-cmd " + why + ": " + util::redact(std::string(util::trim(result.err))),
        "Run the command by hand; it must print one database URL or config "
        "environment a line and exit 0.");
  }
  return result.out;
}

std::vector<core::TargetLine> query_lines(const std::string& sql, const core::Settings& settings) {
  const core::DatabaseUrl control =
      core::resolve_database_url(settings, core::process_environment());
  const auto connection = connect_waiting(control, std::chrono::milliseconds::zero());
  const core::ResultRows result = connection->fetch({sql, "--targets-query", 1, nullptr});
  std::vector<core::TargetLine> lines;
  for (std::size_t i = 0; i < result.rows.size(); ++i) {
    const auto& row = result.rows[i];
    const std::string where = "--targets-query row " + std::to_string(i + 1);
    const std::string value = row.empty() || !row[0] ? "" : std::string(util::trim(*row[0]));
    if (value.empty()) throw ConfigError(where + " is empty", "Return one URL or name a row.");
    core::TargetLine line{value, where, {}};
    if (value.find(':') == std::string::npos) {
      line.url = dialect::tenant_on_server(control, value, where);
    }
    lines.push_back(std::move(line));
  }
  if (lines.empty()) {
    throw ConfigError("--targets-query returned no rows on " + control.redacted(),
                      "Check the query on the control database.");
  }
  return lines;
}

}  // namespace

std::vector<core::TargetLine> fleet_lines(const FleetOptions& fleet,
                                          const core::Settings& settings) {
  if (!fleet.targets_query.empty()) return query_lines(fleet.targets_query, settings);
  if (!fleet.targets_cmd.empty()) {
    return core::read_target_lines(command_output(fleet.targets_cmd), "--targets-cmd",
                                   core::process_environment());
  }
  return core::read_target_lines(read_list_file(fleet.targets_file), fleet.targets_file,
                                 core::process_environment());
}

}  // namespace forge::cli
