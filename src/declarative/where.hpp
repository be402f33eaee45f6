#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "declarative/location.hpp"
#include "declarative/value.hpp"

namespace forge::declarative {

/// sequelize's comparison operators, as written in `where`.
enum class WhereOperator {
  eq,      ///< `=`; with null it means IS NULL
  ne,      ///< `<>`; with null it means IS NOT NULL
  gt,      ///< `>`
  gte,     ///< `>=`
  lt,      ///< `<`
  lte,     ///< `<=`
  in,      ///< IN (list)
  not_in,  ///< NOT IN (list) — written `notIn`
  like,    ///< LIKE 'pattern'
  is,      ///< IS null / true / false
  is_not,  ///< IS NOT null / true / false — written `not`
};

/// One test on one column: `status: { ne: cancelled }` or the shorthand `status: paid`.
struct Condition {
  std::string column;
  WhereOperator op = WhereOperator::eq;
  /// The operand: exactly one value, except for `in`/`notIn`, whose non-empty list this is.
  /// gt/gte/lt/lte never hold null; like holds text; is/not hold null, true or false.
  std::vector<Value> operands;
  SourceLocation location;  ///< the operator's key (the column's key for shorthands)
};

/// A `where` map: every condition must hold (sequelize's implicit AND). Shorthands are read as
/// `column: value` → eq, `column: null` → is null, `column: [a, b]` → in.
struct Where {
  std::vector<Condition> conditions;  ///< in file order; empty only for bulkDelete (every row)
  SourceLocation location;            ///< the `where` map itself
};

/// The operator's name as written: `eq`, `notIn`, `not`.
std::string_view operator_name(WhereOperator op);

}  // namespace forge::declarative
