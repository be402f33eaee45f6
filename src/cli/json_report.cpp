#include "cli/json_report.hpp"

#include <nlohmann/json.hpp>

#include "util/json_text.hpp"
#include "util/redaction.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {

using Json = nlohmann::ordered_json;

const char* direction_word(core::Direction direction) {
  return direction == core::Direction::up ? "up" : "down";
}

// The error's own position, when it has one: a failing statement or a malformed file.
Json error_json(const Error& error) {
  Json out;
  out["message"] = util::redact(error.what());
  out["hint"] = util::redact(error.hint());
  out["exitCode"] = static_cast<int>(error.exit_code());
  if (const auto* statement = dynamic_cast<const StatementError*>(&error)) {
    out["unit"] = statement->unit();
    out["file"] = statement->file();
    out["line"] = statement->line();
    out["serverMessage"] = util::redact(statement->server_message());
  } else if (const auto* file = dynamic_cast<const MigrationFileError*>(&error)) {
    out["file"] = file->file();
    out["line"] = file->line();
    out["column"] = file->column();
  }
  return out;
}

}  // namespace

JsonRunReporter::JsonRunReporter(std::string command, bool dry_run)
    : m_document(std::make_unique<Json>()) {
  Json& document = *m_document;
  document["formatVersion"] = 1;
  document["command"] = std::move(command);
  document["dryRun"] = dry_run;
  document["ok"] = false;
  document["database"] = nullptr;
  document["environment"] = nullptr;
  document["historyTable"] = nullptr;
  document["units"] = Json::array();
  document["warnings"] = Json::array();
}

JsonRunReporter::~JsonRunReporter() = default;

void JsonRunReporter::set_target(const std::string& database, const std::string& environment,
                                 const std::string& table) {
  (*m_document)["database"] = util::redact(database);
  (*m_document)["environment"] = environment;
  (*m_document)["historyTable"] = table;
}

void JsonRunReporter::step_started(const core::Entry& entry, core::Direction direction) {
  m_current = std::make_unique<Json>();
  Json& step = *m_current;
  step["name"] = entry.name;
  step["version"] = entry.version;
  step["direction"] = direction_word(direction);
  step["file"] = entry.has_file() ? Json(entry.unit->up.file) : Json(nullptr);
  if ((*m_document)["dryRun"].get<bool>()) step["statements"] = Json::array();
}

void JsonRunReporter::step_finished(const core::Entry&, core::Direction,
                                    std::chrono::duration<double> elapsed) {
  if (!m_current) return;
  (*m_current)["durationMs"] = static_cast<long long>(elapsed.count() * 1000.0 + 0.5);
  (*m_document)["units"].push_back(std::move(*m_current));
  m_current.reset();
}

void JsonRunReporter::nothing_to_do(core::Direction) {}

void JsonRunReporter::statement_started(const core::Statement& statement) {
  if (!m_current || !m_current->contains("statements")) return;
  (*m_current)["statements"].push_back(
      Json{{"file", statement.file}, {"line", statement.line}, {"sql", statement.text}});
}

void JsonRunReporter::warning(const std::string& text) {
  core::Reporter::warning(text);  // on stderr too, for whoever watches the log
  (*m_document)["warnings"].push_back(util::redact(text));
}

void JsonRunReporter::print_success() const { print(true, nullptr); }

void JsonRunReporter::print_failure(const Error& error) const { print(false, &error); }

void JsonRunReporter::print(bool ok, const Error* error) const {
  Json document = *m_document;
  document["ok"] = ok;
  if (error != nullptr) {
    document["error"] = error_json(*error);
    if (m_current) document["failedUnit"] = (*m_current)["name"];
  }
  util::write_output(util::json_text(document) + "\n");
}

}  // namespace forge::cli
