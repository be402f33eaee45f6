#include "cli/output.hpp"

#include "util/json_text.hpp"
#include "util/redaction.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace forge::cli {

namespace {
std::string seconds(std::chrono::duration<double> elapsed) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fs", elapsed.count());
  return buffer;
}
const char* status_word(const core::Entry& entry) {
  if (entry.is_failed()) return "failed";
  return entry.is_applied() ? "up" : "down";
}

}  // namespace

void print_line(const std::string& line, bool quiet) {
  if (quiet) return;
  std::cout << util::redact(line) << std::endl;  // flushed: progress must show as it happens
}

UnitWords seeder_words() {
  return {"seeding", "seeded", "No seeders were executed: every seeder has run already.",
          "No executed seeders found.", "seed",
          "-- Nothing to seed: every seeder has run already."};
}

void HumanReporter::step_started(const core::Entry& entry, core::Direction direction) {
  print_line("== " + entry.name + ": " +
                 (direction == core::Direction::up ? m_words.applying : "reverting") + " =======",
             m_quiet);
}

void HumanReporter::step_finished(const core::Entry& entry, core::Direction direction,
                                  std::chrono::duration<double> elapsed) {
  print_line("== " + entry.name + ": " +
                 (direction == core::Direction::up ? m_words.applied : "reverted") + " (" +
                 seconds(elapsed) + ")\n",
             m_quiet);
}

void HumanReporter::nothing_to_do(core::Direction direction) {
  print_line(direction == core::Direction::up ? m_words.nothing_applied : m_words.nothing_reverted,
             m_quiet);
}

void DryRunReporter::step_started(const core::Entry& entry, core::Direction direction) {
  print_line("-- == " + entry.name + ": would " +
                 (direction == core::Direction::up ? m_words.apply_verb : "revert") +
                 " (dry run) =======",
             false);
}

void DryRunReporter::step_finished(const core::Entry&, core::Direction,
                                   std::chrono::duration<double>) {
  print_line("", false);
}

void DryRunReporter::nothing_to_do(core::Direction direction) {
  print_line(direction == core::Direction::up ? m_words.nothing_to_apply : "-- Nothing to revert.",
             false);
}

void DryRunReporter::statement_started(const core::Statement& statement) {
  print_line("-- " + statement.file + ":" + std::to_string(statement.line), false);
  const bool terminated = !statement.text.empty() && statement.text.back() == ';';
  print_line(statement.text + (terminated || statement.late ? "" : ";"), false);
}

void print_status_text(const std::vector<core::Entry>& entries, bool quiet) {
  if (entries.empty()) print_line("No migrations found.", quiet);
  for (const auto& entry : entries) {
    std::string line = std::string(status_word(entry)) + " " + entry.name;
    if (entry.is_failed()) {
      line += " (stopped part-way: " + std::to_string(entry.row->statements_done) +
              " statement(s) took effect; see db:migrate:resolve)";
    }
    if (!entry.has_file()) line += " (missing file)";
    if (entry.is_changed()) line += " (changed: the file's up section differs from what was applied)";
    print_line(line, quiet);
  }
}

void print_status_json(const std::vector<core::Entry>& entries, const std::string& database,
                       const std::string& environment, const std::string& table) {
  nlohmann::ordered_json units = nlohmann::ordered_json::array();
  std::size_t up = 0, failed = 0, missing = 0, changed = 0;
  for (const auto& entry : entries) {
    nlohmann::ordered_json unit;
    unit["name"] = entry.name;
    unit["version"] = entry.version;
    unit["status"] = status_word(entry);
    unit["file"] = entry.has_file() ? nlohmann::ordered_json(entry.unit->up.file) : nullptr;
    unit["missingFile"] = !entry.has_file();
    // A row another tool wrote (sequelize-cli's) has no time: null, as for a unit that is down.
    const bool known = entry.is_applied() && !entry.row->applied_at.empty();
    unit["appliedAt"] = known ? nlohmann::ordered_json(entry.row->applied_at) : nullptr;
    if (entry.is_failed()) unit["statementsDone"] = entry.row->statements_done;
    unit["checksum"] = entry.has_file() ? nlohmann::ordered_json(entry.unit->checksum) : nullptr;
    unit["changed"] = entry.is_changed();
    units.push_back(std::move(unit));
    up += entry.is_applied() ? 1 : 0;
    failed += entry.is_failed() ? 1 : 0;
    missing += entry.has_file() ? 0 : 1;
    changed += entry.is_changed() ? 1 : 0;
  }
  nlohmann::ordered_json document;
  document["formatVersion"] = 1;
  document["database"] = util::redact(database);
  document["environment"] = environment;
  document["historyTable"] = table;
  document["migrations"] = std::move(units);
  document["summary"] = {{"total", entries.size()}, {"up", up}, {"failed", failed},
                         {"down", entries.size() - up - failed}, {"missingFile", missing},
                         {"changed", changed}};
  std::cout << util::json_text(document) << std::endl;
}

}  // namespace forge::cli
