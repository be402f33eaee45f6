#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/runner.hpp"

namespace forge::cli {

/// Prints a result line to stdout (through redaction), unless quiet.
void print_line(const std::string& line, bool quiet);

/// The words progress lines use for one kind of unit; migrations' by default.
struct UnitWords {
  const char* applying = "migrating";
  const char* applied = "migrated";
  const char* nothing_applied =
      "No migrations were executed, database schema was already up to date.";
  const char* nothing_reverted = "No executed migrations found.";
  const char* apply_verb = "migrate";  ///< dry runs: `would migrate`
  const char* nothing_to_apply = "-- Nothing to migrate: the schema is up to date.";
};

/// Seeders' words: `== name: seeding =======`, `== name: seeded (0.003s)`.
UnitWords seeder_words();

/// Progress in sequelize-cli's words: `== name: migrating =======`, `== name: migrated (0.012s)`.
class HumanReporter : public core::Reporter {
 public:
  explicit HumanReporter(bool quiet, UnitWords words = {}) : m_quiet(quiet), m_words(words) {}
  void step_started(const core::Entry& entry, core::Direction direction) override;
  void step_finished(const core::Entry& entry, core::Direction direction,
                     std::chrono::duration<double> elapsed) override;
  void nothing_to_do(core::Direction direction) override;

 private:
  bool m_quiet;
  UnitWords m_words;
};

/// --dry-run's listing: per unit, each statement that would run, with its file and line.
class DryRunReporter : public core::Reporter {
 public:
  explicit DryRunReporter(UnitWords words = {}) : m_words(words) {}
  void step_started(const core::Entry& entry, core::Direction direction) override;
  void step_finished(const core::Entry& entry, core::Direction direction,
                     std::chrono::duration<double> elapsed) override;
  void nothing_to_do(core::Direction direction) override;
  void statement_started(const core::Statement& statement) override;

 private:
  UnitWords m_words;
};

/// `up name` / `down name` / `failed` / `running` / `interrupted` lines, `(missing file)`
/// marked; `lock_holder` is who holds the migration lock now (a running unit is theirs).
void print_status_text(const std::vector<core::Entry>& entries, bool quiet,
                       const std::optional<std::string>& lock_holder);
/// The documented JSON status document (README, "db:migrate:status --json").
void print_status_json(const std::vector<core::Entry>& entries, const std::string& database,
                       const std::string& environment, const std::string& table,
                       const std::optional<std::string>& lock_holder);

}  // namespace forge::cli
