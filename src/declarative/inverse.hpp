#pragma once
#include <optional>
#include <string>
#include <vector>

#include "declarative/model.hpp"

namespace forge::declarative {

/// An up operation that has no automatic inverse.
struct IrreversibleOperation {
  std::string operation;    ///< its name: `dropTable`, `sql`, ...
  SourceLocation location;  ///< where it was written
  std::string reason;       ///< why forge cannot invert it: "the dropped table's columns ..."
};

/// The down list forge derives from an up list, or the operation that prevents it.
struct DerivedDown {
  std::vector<Operation> operations;                  ///< empty when `irreversible` is set
  std::optional<IrreversibleOperation> irreversible;  ///< the first operation with no inverse
};

/// Derives the down list of a unit written without one: the inverses in reverse order
/// (createTable→dropTable, addColumn→removeColumn, addIndex→removeIndex, renames back,
/// addConstraint→removeConstraint, bulkInsert→one bulkDelete per inserted row matching all its
/// values); an index added to a table the unit created goes with the dropTable, not before it.
/// dropTable, removeColumn, changeColumn, bulkDelete, removeIndex, removeConstraint and
/// sql have no inverse: the result then names the first of them. Never throws for a loaded
/// unit. Each derived operation keeps the Origin of the operation it undoes.
DerivedDown derive_down(const std::vector<Operation>& up);

/// `file:line:column: dropTable cannot be undone automatically: <reason>; write a down list`,
/// for the refusal undo prints.
std::string describe(const IrreversibleOperation& irreversible);

}  // namespace forge::declarative
