#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/dialect_kind.hpp"
#include "dialect/node/node_runtime.hpp"
#include "util/piped_child.hpp"

namespace forge::dialect {

/// JSON as the runner writes it: a createTable's columns keep their order.
using RunnerJson = nlohmann::ordered_json;

/// Starts forge's runner (migration_runner.js) in `node` on `direction` ("up" or "down") of the
/// module at `module_path` (absolute), shown to the person as `shown_path`.
util::PipedChild start_runner(const NodeRuntime& node, const std::string& module_path,
                              const std::string& shown_path, const std::string& direction,
                              core::Dialect dialect);

/// Answers each request of the runner with `answer` until the module is done (true) or Node is
/// gone (false, also after a stop signal); the runner's report that the module failed goes to
/// `failed`, which throws.
bool converse(util::PipedChild& node, const std::function<RunnerJson(const RunnerJson&)>& answer,
              const std::function<void(const RunnerJson&)>& failed);

/// Where in the module a call was made: `db/migrations/x.js:12` as the runner sends it.
struct CallSite {
  std::string file;
  int line = 1;
};
CallSite parse_site(const std::string& at, const std::string& fallback);

}  // namespace forge::dialect
