#pragma once
#include <mutex>
#include <optional>
#include <string>

namespace forge::dialect {

/// The Node.js that runs JavaScript units: `--node` / FORGE_NODE, else `node` on PATH. It is
/// looked for only when a JavaScript unit is about to run (a status needs no Node).
class NodeRuntime {
 public:
  /// `program` as named by FORGE_NODE (or --node), or "node".
  static std::string configured_program();

  explicit NodeRuntime(std::string program = configured_program());

  const std::string& program() const { return m_program; }
  /// Why no suitable Node can run here ("" when one can): not found, or older than 18. Safe
  /// from several threads (a fleet's JavaScript units share one runtime).
  const std::string& problem() const;

 private:
  std::string m_program;
  mutable std::mutex m_mutex;                    // guards m_problem
  mutable std::optional<std::string> m_problem;  // found out at the first question
};

}  // namespace forge::dialect
