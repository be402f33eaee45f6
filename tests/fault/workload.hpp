#pragma once
#include <string>
#include <vector>

namespace forge::fault {

/// One migration file of the workload: `migrations/<name>.sql`.
struct UnitFile {
  std::string name;
  std::string text;
};

/// One statement whose effect can be counted afterwards: `count_sql` returns how many times it
/// took effect (1 when right, 0 when lost, 2 when applied twice).
struct Effect {
  std::string label;
  std::string count_sql;
  bool is_effects_row = true;  ///< a row of `effects`, else another table's change
};

/// The units every trial migrates on one dialect, and the effects a correct run leaves. The units
/// mix DDL and DML; each DML statement leaves one distinct row `(unit, step)` in the side-effect
/// table `effects`, which has no key, so a statement run twice leaves two rows.
struct Workload {
  std::vector<UnitFile> units;
  std::vector<Effect> effects;
};

/// The workload for `dialect` ("sqlite", "postgres", "mysql").
Workload workload_for(const std::string& dialect);

}  // namespace forge::fault
