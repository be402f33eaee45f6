#include "cli/output.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "util/json_text.hpp"
#include "util/redaction.hpp"
#include "util/terminal_text.hpp"
#include "util/thread_capture.hpp"

namespace forge::cli {

namespace {
std::string seconds(std::chrono::duration<double> elapsed) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3fs", elapsed.count());
  return buffer;
}
// A running row is a unit under way while a live forge holds the lock, and the mark an
// interrupted run left otherwise.
const char* status_word(const core::Entry& entry, const std::optional<std::string>& lock_holder) {
  if (entry.is_running()) {
    if (!lock_holder) return "interrupted";
    return entry.is_reverting() ? "reverting" : "running";
  }
  if (entry.is_failed()) return "failed";
  return entry.is_applied() ? "up" : "down";
}

std::string statement_at(const core::Entry& entry, int number) {
  std::string text = "statement " + std::to_string(number);
  if (!entry.has_file() || (entry.is_reverting() && !entry.unit->down)) return text;
  const auto& statements =
      entry.is_reverting() ? entry.unit->down->statements : entry.unit->up.statements;
  if (number < 1) return text;
  int seen = 0;
  statements.visit([&](const core::Statement& statement) {  // a large unit's are not held
    if (++seen < number) return true;
    text += " (" + statement.file + ":" + std::to_string(statement.line) + ")";
    return false;
  });
  return text;
}

// What a unit that stopped part-way, or is under way, has done and what comes next.
std::string part_way_detail(const core::Entry& entry,
                            const std::optional<std::string>& lock_holder) {
  const core::HistoryRow& row = *entry.row;
  const std::string done = core::statements_text(row.statements_done) +
                           (entry.is_reverting() ? " of its down" : "") + " took effect";
  const std::string command = entry.is_reverting() ? "db:migrate:undo" : "db:migrate";
  if (!entry.is_running()) return " (stopped part-way: " + done + "; see db:migrate:resolve)";
  if (lock_holder) {
    return " (under way: " + done + (row.holder.empty() ? "" : "; run by " + row.holder) +
           "; the lock is held by " + *lock_holder + ")";
  }
  std::string next;
  if (row.statements_done < 0) {
    next = "forge cannot tell where to resume; see db:migrate:resolve";
  } else if (row.in_flight != 0) {
    next = statement_at(entry, row.in_flight) + " was in flight: " + command +
           " checks whether it took effect and goes on";
  } else {
    next = command + " resumes at " + statement_at(entry, row.statements_done + 1);
  }
  return " (interrupted: " + done + (row.holder.empty() ? "" : "; run by " + row.holder) + "; " +
         next + ")";
}

}  // namespace

void print_line(const std::string& line, bool quiet) {
  if (quiet) return;
  util::write_output(util::printable(util::redact(line)) + "\n");
}

UnitWords seeder_words() {
  return {"seeding",
          "seeded",
          "No seeders were executed: every seeder has run already.",
          "No executed seeders found.",
          "seed",
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

void print_status_text(const std::vector<core::Entry>& entries, bool quiet,
                       const std::optional<std::string>& lock_holder) {
  if (entries.empty()) print_line("No migrations found.", quiet);
  if (entries.empty() || quiet) return;
  std::string lines;  // written at once: one flush, not one per unit (issue 16)
  for (const auto& entry : entries) {
    if (!lines.empty()) lines += '\n';
    // As sequelize-cli lists them: a JavaScript unit (or a row it wrote) by its file name.
    lines += status_word(entry, lock_holder);
    lines += ' ';
    lines += entry.stored_name();
    if (entry.is_failed()) lines += part_way_detail(entry, lock_holder);
    if (!entry.has_file()) lines += " (missing file)";
    if (entry.is_changed()) {
      lines += " (changed: the file's up section differs from what was applied)";
    }
  }
  print_line(lines, quiet);
}

void print_status_json(const std::vector<core::Entry>& entries, const std::string& database,
                       const std::string& environment, const std::string& table,
                       const std::optional<std::string>& lock_holder) {
  nlohmann::ordered_json units = nlohmann::ordered_json::array();
  std::size_t up = 0, failed = 0, missing = 0, changed = 0;
  for (const auto& entry : entries) {
    nlohmann::ordered_json unit;
    unit["name"] = entry.name;
    unit["version"] = entry.version;
    unit["status"] = status_word(entry, lock_holder);
    unit["file"] = entry.has_file() ? nlohmann::ordered_json(entry.unit->up.file) : nullptr;
    unit["missingFile"] = !entry.has_file();
    // A row another tool wrote (sequelize-cli's) has no time: null, as for a unit that is down.
    const bool known = entry.is_applied() && !entry.row->applied_at.empty();
    unit["appliedAt"] = known ? nlohmann::ordered_json(entry.row->applied_at) : nullptr;
    if (entry.is_failed()) {
      const int done = entry.row->statements_done;
      unit["statementsDone"] =
          done < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(done);
    }
    if (entry.is_running()) {
      unit["statementInFlight"] = entry.row->in_flight == 0
                                      ? nlohmann::ordered_json(nullptr)
                                      : nlohmann::ordered_json(entry.row->in_flight);
      unit["runBy"] = entry.row->holder;
      unit["direction"] = entry.is_reverting() ? "down" : "up";
    }
    unit["checksum"] =
        entry.has_file() ? nlohmann::ordered_json(entry.unit->checksum.value()) : nullptr;
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
  document["lockHeldBy"] = lock_holder ? nlohmann::ordered_json(*lock_holder) : nullptr;
  document["migrations"] = std::move(units);
  document["summary"] = {{"total", entries.size()}, {"up", up},
                         {"failed", failed},        {"down", entries.size() - up - failed},
                         {"missingFile", missing},  {"changed", changed}};
  util::write_output(util::json_text(document) + "\n");
}

}  // namespace forge::cli
