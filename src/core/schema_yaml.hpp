#pragma once
#include <string>

#include "core/schema.hpp"

namespace forge::core {

/// The schema as YAML, canonical and diff-friendly: one block per table (its columns one per
/// line, then its keys, constraints and indexes), then the other objects, then what forge could
/// not model. Every name and value is a double-quoted string, so any text reads back as written.
/// Equal schemas give byte-identical text.
std::string schema_yaml(const Schema& schema);

}  // namespace forge::core
