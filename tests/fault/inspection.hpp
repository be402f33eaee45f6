#pragma once
#include <string>
#include <vector>

#include "workload.hpp"

namespace forge::fault {

/// What a database holds after a run, compared with what a correct run leaves.
struct Findings {
  long applied_twice = 0;  ///< extra times statements took effect
  long lost = 0;           ///< statements that never took effect
  long unrecorded = 0;     ///< units not recorded `applied` in ForgeMeta
  bool schema_differs = false;
  std::vector<std::string> details;  ///< one line per problem, for the failure message

  bool clean() const {
    return applied_twice == 0 && lost == 0 && unrecorded == 0 && !schema_differs;
  }
};

/// Tables, columns with their types, indexes (and SQLite's views), one per line in a stable order,
/// read through the database's own catalogs.
std::vector<std::string> schema_of(const std::string& url);

/// Checks the database at `url` after `workload` should have been fully applied: each effect
/// exactly once and nothing else in `effects`, every unit `applied` in ForgeMeta, and the schema
/// equal to `expected_schema` (a clean run's).
Findings inspect(const std::string& url, const Workload& workload,
                 const std::vector<std::string>& expected_schema);

}  // namespace forge::fault
