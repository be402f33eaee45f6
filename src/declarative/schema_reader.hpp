#pragma once
#include <string>

#include "core/schema.hpp"

namespace forge::declarative {

/// Reads the YAML that `forge db:schema:dump --format yaml` writes (core::schema_yaml) back into
/// a schema, canonicalized. `file` names it in messages. Throws MigrationFileError at
/// file:line:column for malformed YAML, an unknown key or dialect, or a value of the wrong shape.
core::Schema read_schema_yaml(const std::string& text, const std::string& file);

}  // namespace forge::declarative
