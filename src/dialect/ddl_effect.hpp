#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.hpp"
#include "core/dialect_kind.hpp"

// What a DDL statement leaves in the catalog, so that a run can tell whether a statement sent by
// a session that died took effect: a pure reading of the statement's text (no I/O), and the
// decision once each dialect has looked its objects up.
namespace forge::dialect {

/// A catalog object a statement makes or removes. Names are as the database stores them
/// (PostgreSQL folds unquoted names to lower case); `schema` is empty when not written.
struct CatalogObject {
  enum class Kind { table, column, index, constraint };
  Kind kind = Kind::table;
  std::string schema;
  std::string table;  ///< the table itself (table), or the one it belongs to
  std::string name;   ///< column, index or constraint name; empty for a table
};

/// One thing that holds once the statement took effect.
struct EffectCheck {
  CatalogObject object;
  bool present_after = true;  ///< made by the statement (true) or removed by it (false)
};

/// What the catalog shows after `statement` ran, read from its text.
struct ExpectedEffect {
  bool repeatable = false;          ///< running it again is harmless (IF [NOT] EXISTS, OR REPLACE)
  std::vector<EffectCheck> checks;  ///< all hold after it ran, none before; empty: unknown
};

/// Reads CREATE/DROP TABLE/VIEW/INDEX, ALTER TABLE (ADD/DROP/RENAME/CHANGE column, ADD/DROP
/// index, key or constraint, RENAME TO) and RENAME TABLE, in `dialect`'s quoting. Anything else,
/// and any clause it cannot check (MODIFY, ALTER COLUMN TYPE ...), gives no checks.
ExpectedEffect expected_effect(std::string_view statement, core::Dialect dialect);

/// The verdict for `expected` once `exists` answers for each object: took_effect when every
/// check holds, not_run when none does, repeatable when running it again is harmless, unknown
/// otherwise.
core::Effect decide_effect(const ExpectedEffect& expected,
                           const std::function<bool(const CatalogObject&)>& exists);

}  // namespace forge::dialect
