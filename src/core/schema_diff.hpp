#pragma once
#include <string>
#include <vector>

#include "core/schema.hpp"

namespace forge::core {

/// One difference between two schemas.
struct SchemaChange {
  enum class Kind { added, removed, changed };
  Kind kind = Kind::changed;
  std::string object;  ///< `table`, `column`, `primary key`, `unique`, `check`, `foreign key`,
                       ///< `index`, or an object's kind (`view`, `function`, ...), `unmodeled`
  std::string name;    ///< `books`, `books.price`, `books_author_title on books`
  std::vector<std::string> details;  ///< for a change: `type: integer -> bigint`, one per field
};

/// What differs from `from` to `to` (both canonicalized), in a stable order: tables by name and,
/// within a table, columns, keys, constraints and indexes; then the other objects.
std::vector<SchemaChange> diff_schemas(const Schema& from, const Schema& to);

/// The changes as lines for a person: `+ table books`, `- index i on t`, `~ column t.c` followed
/// by its details indented; "" when there are none.
std::string changes_text(const std::vector<SchemaChange>& changes);

/// The name of a change kind: `added`, `removed`, `changed`.
std::string kind_name(SchemaChange::Kind kind);

}  // namespace forge::core
