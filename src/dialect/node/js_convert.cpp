#include "dialect/node/js_convert.hpp"

#include <utility>

#include "core/errors.hpp"
#include "core/statement.hpp"
#include "core/statement_kind.hpp"
#include "dialect/node/runner_conversation.hpp"
#include "util/shutdown.hpp"

namespace forge::dialect {

namespace {

using json = RunnerJson;

// Calls whose SQL the runner writes for one dialect; any other `sql` is the module's own text.
bool runner_written(const std::string& call) { return call != "query"; }

class Recorder {
 public:
  Recorder(std::string shown, core::Dialect dialect)
      : m_shown(std::move(shown)), m_dialect(dialect) {}

  json answer(const json& request) {
    const std::string call = request.value("call", "");
    if (request.contains("op")) {
      m_operations.push_back(request["op"]);
      return {{"ok", true}};
    }
    const std::string sql = request.value("sql", "");
    const CallSite site = parse_site(request.value("at", ""), m_shown);
    if (core::only_reads(core::Statement{sql, site.file, site.line, nullptr})) {
      throw UsageError(site.file + ":" + std::to_string(site.line) + ": " + call +
                           " reads data, which a declarative unit cannot; this unit stays "
                           "JavaScript",
                       "Keep the .js unit (forge runs it with Node), or write its twin by hand.");
    }
    if (runner_written(call)) {
      m_operations.push_back({{"sql", {{std::string(core::dialect_name(m_dialect)), sql}}}});
    } else {
      m_operations.push_back({{"sql", sql}});
    }
    return {{"ok", true}, {"columns", json::array()}, {"kinds", ""}, {"rows", json::array()}};
  }

  [[noreturn]] void fail(const json& report) {
    const CallSite site = parse_site(report.value("at", ""), m_shown);
    throw StatementError(report.value("message", "the migration failed"), "JavaScript", site.file,
                         site.line);
  }

  json take() { return std::exchange(m_operations, json::array()); }

 private:
  std::string m_shown;
  core::Dialect m_dialect;
  json m_operations = json::array();
};

json record(const std::string& module_path, const std::string& shown_path,
            const std::string& direction, core::Dialect dialect, const NodeRuntime& node) {
  util::PipedChild runner = start_runner(node, module_path, shown_path, direction, dialect);
  Recorder recorder(shown_path, dialect);
  const bool done = converse(
      runner, [&](const json& request) { return recorder.answer(request); },
      [&](const json& report) { recorder.fail(report); });
  if (!done) {
    throw StatementError("Node exited before the migration's " + direction + "() finished",
                         "JavaScript", shown_path, 1);
  }
  return recorder.take();
}

}  // namespace

std::string convert_to_declarative(const std::string& module_path, const std::string& shown_path,
                                   core::Dialect dialect, const NodeRuntime& node) {
  if (!node.problem().empty()) {
    throw UsageError(shown_path + ": " + node.problem(),
                     "Install Node.js 18 or newer, or name it with --node PATH.");
  }
  json unit;
  unit["up"] = record(module_path, shown_path, "up", dialect, node);
  try {
    unit["down"] = record(module_path, shown_path, "down", dialect, node);
  } catch (const StatementError& error) {
    // No down() at all: the twin has none either, and cannot be undone, like the module.
    if (error.server_message().find("exports no down()") == std::string::npos) throw;
  }
  return unit.dump(2) + "\n";
}

}  // namespace forge::dialect
