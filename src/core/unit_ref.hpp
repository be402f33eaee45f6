#pragma once
#include "core/catalog.hpp"

#include <string_view>

namespace forge::core {

/// The one entry that `reference` names exactly: its stem, one of its file names (with or
/// without the folder), or its version number alone. Throws UsageError listing the candidates
/// when nothing matches or more than one entry does; never guesses.
const Entry& resolve_unit_ref(const Catalog& catalog, std::string_view reference);

}  // namespace forge::core
