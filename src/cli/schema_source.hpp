#pragma once
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "core/runner.hpp"
#include "core/schema.hpp"

namespace forge::cli {

/// Runs units without a word, for commands whose output is what they compare.
class SilentReporter : public core::Reporter {
 public:
  void step_started(const core::Entry&, core::Direction) override {}
  void step_finished(const core::Entry&, core::Direction, std::chrono::duration<double>) override {}
  void nothing_to_do(core::Direction) override {}
  void warning(const std::string&) override {}
};

/// The text of a schema file the user named (a dump, a desired schema); UsageError (exit 2)
/// naming it and why when it cannot be read.
std::string read_schema_file(const std::string& file);

/// True when `side` is written as a database URL (`postgres://...`, `sqlite:x.db`).
bool is_database_url(const std::string& side);

/// Where scratch databases are made: `--dev-url`'s server, else the target's.
core::DatabaseUrl scratch_server(const Target& target, const std::optional<std::string>& dev_url);

/// The schema one side of a comparison names: a database URL (`postgres://...`, `sqlite:x.db`),
/// a SQL dump (a file ending `.sql`, loaded into a scratch database on `server`), a YAML dump
/// (`.yaml`/`.yml`, as `db:schema:dump --format yaml` writes it), or a folder
/// of units (`migrations`, replayed into a scratch database on `server`). Throws UsageError for
/// anything else.
core::Schema schema_of(const std::string& side, const Target& target,
                       const core::DatabaseUrl& server);

/// The schema the units leave when every one is applied, in order, to an empty database on
/// `server`.
core::Schema replayed_schema(const std::vector<core::Unit>& units, const Target& target,
                             const core::DatabaseUrl& server);

}  // namespace forge::cli
