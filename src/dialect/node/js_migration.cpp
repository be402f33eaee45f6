#include "dialect/node/js_migration.hpp"

#include <cstdlib>
#include <exception>
#include <nlohmann/json.hpp>

#include "core/adapter.hpp"
#include "core/errors.hpp"
#include "declarative/loader.hpp"
#include "dialect/node/runner_conversation.hpp"
#include "util/logging.hpp"
#include "util/piped_child.hpp"
#include "util/shutdown.hpp"

namespace forge::dialect {

namespace {

using json = RunnerJson;

json rows_reply(const core::ResultRows& rows) {
  json cells = json::array();
  for (const auto& row : rows.rows) {
    json values = json::array();
    for (const auto& value : row) values.push_back(value ? json(*value) : json(nullptr));
    cells.push_back(std::move(values));
  }
  return {{"ok", true}, {"columns", rows.columns}, {"kinds", json(rows.kinds)}, {"rows", cells}};
}

json error_reply(const std::string& message) { return {{"ok", false}, {"error", message}}; }

// A declarative operation's problem without the position inside the one-operation document
// the runner sent (`<label>:1:45: `), which means nothing to the person.
std::string problem_of(const MigrationFileError& error, const std::string& label) {
  const std::string text = error.what();
  if (text.rfind(label, 0) != 0) return text;
  const auto gap = text.find(": ", label.size());
  return gap == std::string::npos ? text : text.substr(gap + 2);
}

// A conversation with the runner: each request is answered before the next is read.
class Conversation {
 public:
  Conversation(core::Connection& connection, const declarative::SqlRenderer& renderer,
               const core::StatementRunner& run, std::string shown)
      : m_connection(connection), m_renderer(renderer), m_run(run), m_shown(std::move(shown)) {}

  // The reply to one request line.
  json answer(const json& request) {
    const CallSite site = parse_site(request.value("at", ""), m_shown);
    const std::string call = request.value("call", "");
    try {
      if (request.contains("sql")) {
        return rows_reply(
            run(core::Statement{request["sql"].get<std::string>(), site.file, site.line, nullptr}));
      }
      if (request.contains("op")) {
        for (std::string& text : statements_for(request["op"], site, call)) {
          run(core::Statement{std::move(text), site.file, site.line, nullptr});
        }
        return {{"ok", true}};
      }
      return error_reply("forge's runner sent a request forge does not know: " + call);
    } catch (const StatementError& error) {
      m_failure = std::current_exception();
      return error_reply(error.server_message());
    } catch (const MigrationFileError& error) {
      m_failure = std::current_exception();
      return error_reply(error.what());
    }
  }

  // The runner said the module failed: the error forge gave it, when that is what it threw on,
  // else the module's own error at its line.
  [[noreturn]] void fail(const json& report) {
    if (report.value("reported", false) && m_failure) std::rethrow_exception(m_failure);
    const CallSite site = parse_site(report.value("at", ""), m_shown);
    throw StatementError(report.value("message", "the migration failed"), "JavaScript", site.file,
                         site.line);
  }

 private:
  core::ResultRows run(const core::Statement& statement) { return m_run(statement); }

  // The SQL of one declarative operation, checked and rendered as a YAML unit's would be.
  std::vector<std::string> statements_for(const json& operation, const CallSite& site,
                                          const std::string& call) {
    const std::string label = site.file + ":" + std::to_string(site.line);
    const json document = {{"up", json::array({operation})}};
    declarative::DeclarativeUnit unit;
    try {
      unit = declarative::load_declarative(document.dump(), label);
      for (const auto& note : m_renderer.check(unit.up.front())) {
        util::log_debug("{}: {}: {}", label, call, note.message);
      }
    } catch (const MigrationFileError& error) {
      throw MigrationFileError(site.file, site.line, call + ": " + problem_of(error, label));
    }
    const declarative::Operation& op = unit.up.front();
    if (auto late = m_renderer.render_later(op)) return late->write(m_connection);
    return m_renderer.render(op);
  }

  core::Connection& m_connection;
  const declarative::SqlRenderer& m_renderer;
  const core::StatementRunner& m_run;
  std::string m_shown;
  std::exception_ptr m_failure;  // the last error a request met, as the module saw it
};

}  // namespace

std::string js_statement_text(const std::string& shown_path, const std::string& direction) {
  return "-- JavaScript: " + direction + "() of " + shown_path;
}

JsMigration::JsMigration(std::string module_path, std::string shown_path, std::string direction,
                         bool in_transaction,
                         std::shared_ptr<const declarative::SqlRenderer> renderer,
                         std::shared_ptr<const NodeRuntime> node)
    : m_module_path(std::move(module_path)),
      m_shown_path(std::move(shown_path)),
      m_direction(std::move(direction)),
      m_in_transaction(in_transaction),
      m_renderer(std::move(renderer)),
      m_node(std::move(node)) {}

std::vector<std::string> JsMigration::write(core::Connection& connection) const {
  (void)connection;
  return {};
}

std::string JsMigration::unavailable() const {
  const std::string& problem = m_node->problem();
  if (problem.empty()) return "";
  return problem +
         ". Install Node.js 18 or newer (Debian: apt install nodejs), or name it with --node "
         "PATH or FORGE_NODE; or turn the unit into SQL or YAML ('forge migration:convert' on a "
         "machine with Node). In a container, use forge's image variant with Node (see "
         "\"JavaScript units\" in the README).";
}

void JsMigration::drive(core::Connection& connection, const core::Statement& origin,
                        const core::StatementRunner& run) const {
  if (const std::string why = unavailable(); !why.empty()) {
    throw UsageError(m_shown_path + ": " + why, "");
  }
  util::PipedChild node =
      start_runner(*m_node, m_module_path, m_shown_path, m_direction, m_renderer->dialect());
  // Outside a transaction, the runner's tracked run records each statement that took effect
  // (is_program), so a failure here needs no more than its own error.
  Conversation conversation(connection, *m_renderer, run, m_shown_path);
  const bool done = converse(
      node, [&](const json& request) { return conversation.answer(request); },
      [&](const json& report) { conversation.fail(report); });
  if (done) return;
  if (const int signal = util::stop_signal(); signal != 0) {
    throw InterruptedError(signal, " while running " + m_shown_path, "Run the command again.");
  }
  const int status = node.wait();
  throw StatementError("Node exited (status " + std::to_string(status) +
                           ") before the migration's " + m_direction + "() finished",
                       "JavaScript", origin.file, origin.line);
}

}  // namespace forge::dialect
