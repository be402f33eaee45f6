#include "cli/context.hpp"

#include "core/source.hpp"
#include "dialect/registry.hpp"

#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>

namespace forge::cli {

core::Settings load_settings(const GlobalOptions& options) {
  core::Settings settings = core::resolve_settings(options.flags, core::process_environment(),
                                                   std::filesystem::current_path());
  if (settings.config_path) {
    spdlog::info("Loaded configuration file \"{}\".", settings.config_path->string());
  }
  spdlog::info("Using environment \"{}\".", settings.environment);
  return settings;
}

Target open_target(const GlobalOptions& options) {
  Target target;
  target.settings = load_settings(options);
  target.url = core::resolve_database_url(target.settings, core::process_environment());
  target.units = core::load_units(target.settings.migrations_dir, target.url.dialect);
  spdlog::debug("{} units in {} for {}", target.units.size(),
                target.settings.migrations_dir.string(), core::dialect_name(target.url.dialect));
  target.connection = dialect::connect(target.url);
  spdlog::debug("Connected to {}", target.url.redacted());
  target.run.history_table = target.settings.meta_table;
  target.run.lock_wait = std::chrono::milliseconds(
      static_cast<long long>(std::llround(options.lock_timeout_seconds * 1000)));
  return target;
}

}  // namespace forge::cli
