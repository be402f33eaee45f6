#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/history.hpp"
#include "core/plan.hpp"
#include "core/unit.hpp"
#include "core/version.hpp"
#include "util/sha256.hpp"

namespace forge::testing {

/// A loaded unit as the loader would build it from `<folder>/<name>.up.sql` (and `.down.sql`
/// when `with_down`), each section holding `statements` (one per line of text) or none.
inline core::Unit make_unit(const std::string& name, bool with_down = true,
                            std::vector<std::string> up_sql = {},
                            std::vector<std::string> down_sql = {},
                            const std::string& folder = "db/migrations") {
  core::Unit unit;
  unit.name = name;
  unit.version = std::string(core::leading_version(name));
  const std::string up_file = folder + "/" + name + ".up.sql";
  const std::string down_file = folder + "/" + name + ".down.sql";
  unit.files = {up_file};
  unit.up.file = up_file;
  int line = 1;
  for (const auto& sql : up_sql) {
    unit.up.text += sql + ";\n";
    unit.up.statements.push_back(core::Statement{sql, up_file, line++});
  }
  if (with_down) {
    unit.files.insert(unit.files.begin(), down_file);
    core::Section down;
    down.file = down_file;
    line = 1;
    for (const auto& sql : down_sql) {
      down.text += sql + ";\n";
      down.statements.push_back(core::Statement{sql, down_file, line++});
    }
    unit.down = down;
  }
  unit.checksum = util::sha256_hex(unit.up.text);
  return unit;
}

/// A history row for the unit named `name`. Its checksum is `checksum`; empty (the default)
/// stands for a row without one, which integrity checks never call changed.
inline core::HistoryRow applied_row(const std::string& name, const std::string& checksum = "") {
  core::HistoryRow row;
  row.name = name;
  row.checksum = checksum;
  row.applied_at = "2024-03-15T10:23:44.012Z";
  row.execution_ms = 5;
  return row;
}

/// A request to revert every applied unit, newest first (down to and including `to` when given).
inline core::UndoRequest undo_all(std::optional<std::string> to = std::nullopt) {
  core::UndoRequest request;
  request.scope = core::UndoRequest::Scope::all;
  request.to = std::move(to);
  return request;
}

}  // namespace forge::testing
