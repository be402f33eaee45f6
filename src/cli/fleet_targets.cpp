#include "cli/fleet_targets.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/fleet_report.hpp"
#include "cli/fleet_sources.hpp"
#include "cli/node_module.hpp"
#include "core/errors.hpp"
#include "util/logging.hpp"

namespace forge::cli {

namespace {

// Resolves target lines, caching what targets share: an environment's settings, the units.
class Resolver {
 public:
  Resolver(const GlobalOptions& options, UnitSet set)
      : m_options(options), m_set(set), m_base(load_settings(options)) {}

  const core::Settings& base() const { return m_base; }

  FleetTarget resolve(const core::TargetLine& line) {
    FleetTarget target;
    try {
      if (line.is_url()) {
        target.settings = m_base;
        target.url = line.url ? *line.url : core::parse_database_url(line.text);
      } else {
        target.environment = line.text;
        target.settings = settings_of(line.text);
        target.url = core::resolve_database_url(target.settings, core::process_environment());
      }
    } catch (const ConfigError& error) {
      throw ConfigError(line.where + ": " + error.what(), error.hint());
    }
    target.units = units_for(target);
    return target;
  }

 private:
  // The environment's own section names its database, whatever --url or DATABASE_URL say.
  const core::Settings& settings_of(const std::string& environment) {
    auto found = m_environments.find(environment);
    if (found != m_environments.end()) return found->second;
    core::ConfigFlags flags = m_options.flags;
    flags.env = environment;
    flags.url.reset();
    core::Settings settings = core::resolve_settings(
        flags, core::process_environment(), std::filesystem::current_path(), node_evaluator());
    if (!settings.has_section) {
      throw ConfigError("no environment \"" + environment + "\" in the config file",
                        "List a database URL, or one of the config file's environments.");
    }
    settings.url.reset();
    return m_environments.emplace(environment, std::move(settings)).first->second;
  }

  std::shared_ptr<const std::vector<core::Unit>> units_for(const FleetTarget& target) {
    const std::filesystem::path& folder = unit_folder(target.settings, m_set);
    auto& cached = m_units[{folder.string(), target.url.dialect}];
    if (!cached) {
      cached = std::make_shared<const std::vector<core::Unit>>(
          load_units_for(folder, target.url.dialect));
    }
    return cached;
  }

  const GlobalOptions& m_options;
  UnitSet m_set;
  core::Settings m_base;
  std::map<std::string, core::Settings> m_environments;
  std::map<std::pair<std::string, core::Dialect>, std::shared_ptr<const std::vector<core::Unit>>>
      m_units;
};

// --only-failed: the targets the earlier report did not record as succeeded.
std::vector<FleetTarget> only_unfinished(std::vector<FleetTarget> targets,
                                         const std::string& report) {
  const std::set<std::string> wanted = unfinished_targets(report);
  targets.erase(std::remove_if(targets.begin(), targets.end(),
                               [&](const FleetTarget& target) {
                                 return wanted.count(target.url.redacted()) == 0;
                               }),
                targets.end());
  util::log_info("--only-failed {}: {} target(s) to run again", report, targets.size());
  return targets;
}

}  // namespace

std::vector<FleetTarget> resolve_fleet(const GlobalOptions& options, const FleetOptions& fleet,
                                       UnitSet set) {
  Resolver resolver(options, set);
  std::vector<FleetTarget> targets;
  for (const core::TargetLine& line : fleet_lines(fleet, resolver.base())) {
    targets.push_back(resolver.resolve(line));
  }
  if (!fleet.only_failed.empty()) targets = only_unfinished(std::move(targets), fleet.only_failed);
  return targets;
}

}  // namespace forge::cli
