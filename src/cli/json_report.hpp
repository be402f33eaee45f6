#pragma once
#include "core/errors.hpp"
#include "core/runner.hpp"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <string>

namespace forge::cli {

/// --json for db:migrate and the undo commands: collects what ran, then prints one document
/// (schema in the README, "Machine-readable output"), also when the run fails.
class JsonRunReporter : public core::Reporter {
 public:
  /// `command` as typed (`db:migrate`); a dry run lists each unit's statements too.
  JsonRunReporter(std::string command, bool dry_run);
  ~JsonRunReporter() override;

  /// The database, environment and history table, once known.
  void set_target(const std::string& database, const std::string& environment,
                  const std::string& table);

  void step_started(const core::Entry& entry, core::Direction direction) override;
  void step_finished(const core::Entry& entry, core::Direction direction,
                     std::chrono::duration<double> elapsed) override;
  void nothing_to_do(core::Direction direction) override;
  void statement_started(const core::Statement& statement) override;
  void warning(const std::string& text) override;

  /// Prints the document of a run that finished.
  void print_success() const;
  /// Prints the document of a run that stopped at `error` (units before it stay listed).
  void print_failure(const Error& error) const;

 private:
  void print(bool ok, const Error* error) const;

  std::unique_ptr<nlohmann::ordered_json> m_document;  // keeps nlohmann out of this header
  std::unique_ptr<nlohmann::ordered_json> m_current;   // the step running now
};

}  // namespace forge::cli
