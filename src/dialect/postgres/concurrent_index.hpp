#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace forge::dialect::postgres {

/// A relation as a statement names it: identifiers unquoted, unquoted ones folded to lower case
/// and both cut to PostgreSQL's 63 bytes, as the server reads them.
struct RelationName {
  std::string schema;  ///< empty when the statement leaves it to search_path
  std::string name;

  /// The name written back as SQL, every part double-quoted: `"app"."Users"`.
  std::string quoted() const;
};

/// A statement that builds an index concurrently, and so can leave an INVALID index behind when
/// it is interrupted (the server commits the index's catalog entry before it builds it).
struct ConcurrentIndexBuild {
  enum class Kind {
    create_index,   ///< CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] index ON relation
    reindex_index,  ///< REINDEX INDEX CONCURRENTLY relation (an index)
    reindex_table,  ///< REINDEX TABLE CONCURRENTLY relation
  };
  Kind kind = Kind::create_index;
  std::string index;      ///< create_index: the new index's name (its schema is the table's)
  RelationName relation;  ///< the table indexed (create_index, reindex_table) or the index
};

/// What `statement` (one SQL statement, possibly after comments) builds concurrently; nullopt
/// for any other statement, for REINDEX of a whole schema, database or system, and for a
/// CREATE INDEX CONCURRENTLY without an index name (the server then picks a free one).
std::optional<ConcurrentIndexBuild> concurrent_index_build(std::string_view statement);

/// The catalog query for the leftovers of an interrupted `build`, with its two parameters.
struct LeftoverQuery {
  std::string sql;           ///< one row per leftover: its name as `"schema"."name"`
  std::string relation;      ///< $1: the build's relation, quoted
  std::string name_pattern;  ///< $2: a regular expression the leftovers' names match
};

/// The invalid indexes an interrupted `build` may have left on its table, that no live session
/// is building now. CREATE INDEX: the index of that name; REINDEX: the `<index>_ccnew*` and
/// `<index>_ccold*` copies. Needs PostgreSQL 12 or later (pg_stat_progress_create_index).
LeftoverQuery leftover_indexes_query(const ConcurrentIndexBuild& build);

}  // namespace forge::dialect::postgres
