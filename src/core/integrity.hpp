#pragma once
#include "core/catalog.hpp"

#include <functional>
#include <string>
#include <vector>

namespace forge::core {

/// Where the unit files and the history table disagree.
struct Integrity {
  std::vector<const Entry*> changed;       ///< applied, but the up section differs from what ran
  std::vector<const Entry*> missing;       ///< in the history, but the file is gone
  std::vector<const Entry*> out_of_order;  ///< pending, yet older than the newest applied unit
};

/// Compares every entry of `catalog`.
Integrity inspect(const Catalog& catalog);

/// Receives one warning line.
using Warn = std::function<void(const std::string&)>;

/// What db:migrate does about `found` before running anything: throws RefusedError (exit 5)
/// naming the changed units; names missing files and out-of-order units through `warn`, or,
/// when `strict`, refuses them too.
void enforce_before_migrate(const Integrity& found, bool strict, const Warn& warn);

}  // namespace forge::core
