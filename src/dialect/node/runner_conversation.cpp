#include "dialect/node/runner_conversation.hpp"

#include <cstdlib>

#include "dialect/node/runner_script.hpp"

namespace forge::dialect {

util::PipedChild start_runner(const NodeRuntime& node, const std::string& module_path,
                              const std::string& shown_path, const std::string& direction,
                              core::Dialect dialect) {
  return util::PipedChild({node.program(), "-e", k_migration_runner_js, "--", module_path,
                           shown_path, direction, std::string(core::dialect_name(dialect))});
}

bool converse(util::PipedChild& node, const std::function<RunnerJson(const RunnerJson&)>& answer,
              const std::function<void(const RunnerJson&)>& failed) {
  for (;;) {
    const auto line = node.receive();
    if (!line) return false;
    const RunnerJson message = RunnerJson::parse(*line, nullptr, false);
    if (message.is_discarded()) continue;  // not the runner's: never a request
    if (message.contains("done")) {
      node.wait();
      return true;
    }
    if (message.contains("failed")) failed(message);
    node.send(answer(message).dump());
  }
}

CallSite parse_site(const std::string& at, const std::string& fallback) {
  const auto colon = at.rfind(':');
  if (colon == std::string::npos) return {at.empty() ? fallback : at, 1};
  const int line = std::atoi(at.c_str() + colon + 1);
  return {at.substr(0, colon), line > 0 ? line : 1};
}

}  // namespace forge::dialect
