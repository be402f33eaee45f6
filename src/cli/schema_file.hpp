#pragma once
#include <string>
#include <vector>

#include "cli/context.hpp"

namespace forge::cli {

/// The history tables of both tools, whatever this project calls its own, and their progress
/// companions: a dump shows the application's schema, never a tool's bookkeeping.
std::vector<std::string> history_tables(const Target& target);

/// The target database's schema as `format` (`sql` or `yaml`) writes it.
std::string schema_text(const Target& target, const std::string& format);

/// After a migrate or undo that changed the database: writes the schema file the settings name
/// (nothing when they name none), as SQL or, for a `.yaml`/`.yml` file, YAML.
void refresh_schema_file(const Target& target);

}  // namespace forge::cli
