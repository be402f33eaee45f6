#include "core/fleet_targets.hpp"

#include "core/errors.hpp"
#include "util/strings.hpp"

namespace forge::core {

std::vector<TargetLine> read_target_lines(std::string_view text, const std::string& source,
                                          const Getenv& getenv) {
  std::vector<TargetLine> targets;
  std::size_t number = 0;
  for (const std::string& raw : util::split(text, '\n')) {
    ++number;
    const std::string_view line = util::trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = source + ":" + std::to_string(number);
    targets.push_back({std::string(util::trim(expand_env(line, getenv, where))), where, {}});
  }
  if (targets.empty()) {
    throw ConfigError(source + " lists no target",
                      "List one database URL or config environment per line ('#' starts a "
                      "comment).");
  }
  return targets;
}

}  // namespace forge::core
