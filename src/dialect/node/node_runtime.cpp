#include "dialect/node/node_runtime.hpp"

#include <chrono>
#include <cstdlib>

#include "util/strings.hpp"
#include "util/subprocess.hpp"

namespace forge::dialect {

namespace {

constexpr int k_oldest_major = 18;  // sequelize 6 and sequelize-cli 6 need Node 10+; 18 for us

std::string find_problem(const std::string& program) {
  const auto result = util::run_process({program, "--version"}, std::chrono::seconds(20));
  if (result.not_found) {
    return "Node.js was not found (looked for '" + program + "'), and this unit is JavaScript";
  }
  const std::string version(util::trim(result.out));
  if (result.exit_code != 0 || version.size() < 2 || version[0] != 'v') {
    return "'" + program + " --version' did not answer like Node.js";
  }
  const int major = std::atoi(version.c_str() + 1);
  if (major < k_oldest_major) {
    return "Node.js " + version + " is too old to run JavaScript units (18 or newer is needed)";
  }
  return "";
}

}  // namespace

std::string NodeRuntime::configured_program() {
  const char* named = std::getenv("FORGE_NODE");
  return named != nullptr && *named != '\0' ? named : "node";
}

NodeRuntime::NodeRuntime(std::string program) : m_program(std::move(program)) {}

const std::string& NodeRuntime::problem() const {
  const std::lock_guard<std::mutex> lock(m_mutex);
  if (!m_problem) m_problem = find_problem(m_program);
  return *m_problem;
}

}  // namespace forge::dialect
