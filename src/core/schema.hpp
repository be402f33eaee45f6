#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/dialect_kind.hpp"

namespace forge::core {

/// One schema model for the three databases, filled from each one's catalog (dialect
/// introspection) and written out as a canonical dump. Types, defaults, expressions and
/// definitions are kept as the database's own catalog spells them, so two databases built the
/// same way read the same; names are as stored (PostgreSQL objects outside the current schema
/// as `schema.name`).

/// A column, in table order.
struct SchemaColumn {
  std::string name;
  std::string type;  ///< as the catalog spells it: `character varying(100)`
  bool nullable = true;
  std::optional<std::string> default_sql;  ///< the default expression; nullopt: none
  std::string identity;  ///< "" or how values are made: `always`, `by default` (PostgreSQL
                         ///< identity), `auto_increment` (MySQL), `autoincrement` (SQLite)
  std::optional<std::string> generated;  ///< a generated column's expression
  bool generated_stored = false;         ///< STORED (else VIRTUAL) when `generated`
  std::string collation;                 ///< "" when the column has its table's default
  std::string comment;
};

/// A primary key, unique or check constraint.
struct SchemaConstraint {
  std::string name;                  ///< "" where the database keeps no name (SQLite)
  std::vector<std::string> columns;  ///< primary key and unique: the columns in key order
  std::string check;                 ///< check: the expression as the catalog writes it
};

/// A foreign key.
struct SchemaForeignKey {
  std::string name;  ///< "" where the database keeps no name (SQLite)
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  std::string on_delete = "NO ACTION";  ///< CASCADE, SET NULL, SET DEFAULT, RESTRICT, NO ACTION
  std::string on_update = "NO ACTION";
  bool deferrable = false;
  bool initially_deferred = false;
};

/// An index that backs no constraint.
struct SchemaIndex {
  std::string name;
  bool unique = false;
  std::vector<std::string> keys;  ///< columns or expressions, with ` DESC` / a prefix length
  std::string where;              ///< a partial index's predicate; "" for none
  std::string method;             ///< btree, hash, gin, ... ("" for the database's default)
};

/// A table with everything that hangs on it.
struct SchemaTable {
  std::string name;
  std::vector<SchemaColumn> columns;
  std::optional<SchemaConstraint> primary_key;
  std::vector<SchemaConstraint> uniques;  ///< sorted by name, then columns
  std::vector<SchemaConstraint> checks;   ///< sorted by name, then expression
  std::vector<SchemaForeignKey> foreign_keys;
  std::vector<SchemaIndex> indexes;
  std::string comment;
  std::string options;  ///< what else defines it, canonical: MySQL `ENGINE=InnoDB ...`, SQLite
                        ///< `STRICT`/`WITHOUT ROWID`; "" for none
};

/// Any other object a database keeps by name with its definition as text: views, materialized
/// views, sequences, enum types, functions, triggers, extensions.
struct SchemaObject {
  std::string kind;        ///< `view`, `materialized view`, `sequence`, `enum`, `function`,
                           ///< `procedure`, `trigger`, `extension`, `schema`
  std::string name;        ///< functions: with their argument types, `f(integer)`
  std::string definition;  ///< the SQL that makes it, as the database gives it back
};

/// A database's schema, history tables left out.
struct Schema {
  Dialect dialect = Dialect::sqlite;
  std::vector<SchemaTable> tables;
  std::vector<SchemaObject> objects;
  /// What the database has and the model cannot hold, one line each (`PostgreSQL policy p on
  /// t`): listed in every dump, never dropped silently.
  std::vector<std::string> unmodeled;
};

/// Puts every list in its canonical order (tables, objects and constraints by name, indexes by
/// name, columns kept in table order), so that equal schemas compare and dump equal.
void canonicalize(Schema& schema);

/// True when `a` and `b` describe the same schema (after canonicalize).
bool operator==(const SchemaColumn& a, const SchemaColumn& b);
bool operator==(const SchemaConstraint& a, const SchemaConstraint& b);
bool operator==(const SchemaForeignKey& a, const SchemaForeignKey& b);
bool operator==(const SchemaIndex& a, const SchemaIndex& b);
bool operator==(const SchemaTable& a, const SchemaTable& b);
bool operator==(const SchemaObject& a, const SchemaObject& b);
bool operator==(const Schema& a, const Schema& b);

}  // namespace forge::core
