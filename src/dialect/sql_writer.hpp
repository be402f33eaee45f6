#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dialect_kind.hpp"
#include "declarative/model.hpp"

// The SQL text every declarative renderer shares: quoting, literals, where-expressions, key
// clauses and data statements. The few lexical differences are switches on the dialect.
namespace forge::dialect {

using core::Dialect;

/// `name` as one quoted identifier: "a""b" (PostgreSQL, SQLite) or `a``b` (MySQL). Never split
/// at dots: a declarative name is always one identifier.
std::string quote_name(std::string_view name, Dialect dialect);
/// A possibly schema-qualified name (`schema.table`): each dot-separated part quoted with
/// quote_name. For names the user configures, such as the history table.
std::string quote_qualified_name(std::string_view name, Dialect dialect);
/// The select list that reads every history column after `name`, in HistoryRow order: each
/// column (text read as '' where NULL), or — where the table lacks it (`missing`: an earlier
/// forge's table, or sequelize-cli's) — its default. `applied_at_text` is the dialect's
/// expression turning the column `applied_at` into ISO-8601 text.
std::string added_history_columns_sql(const std::vector<std::string>& missing,
                                      const std::string& applied_at_text);
/// The history columns after `name`, each with its definition from `definition_of`, joined by
/// ", ": the same definitions (with defaults) whether forge creates the table or adds a column to
/// one it adopts, so another tool's INSERT of a bare name works on every table forge writes.
std::string history_column_definitions(const char* (*definition_of)(const std::string& column));
/// Quoted names joined by ", ".
std::string quote_names(const std::vector<std::string>& names, Dialect dialect);
/// `text` as a string literal: '' doubling; MySQL also escapes backslashes and NUL;
/// PostgreSQL writes E'...' with doubled backslashes when there are backslashes, so the value
/// is the same whatever standard_conforming_strings says.
std::string quote_text(std::string_view text, Dialect dialect);
/// `{fn: ...}` in the dialect: NOW() (CURRENT_TIMESTAMP on SQLite), CURRENT_TIMESTAMP.
std::string function_sql(const declarative::FunctionCall& call, Dialect dialect);
/// A literal value: NULL, TRUE/FALSE (1/0 on SQLite), a number as written, quoted text, a
/// function as function_sql writes it, or a `{literal}`'s SQL as written.
std::string literal_sql(const declarative::Literal& literal, Dialect dialect);
/// A where-expression's conditions joined by AND; empty for no conditions. eq/ne null become
/// IS NULL / IS NOT NULL.
std::string where_sql(const declarative::Where& where, Dialect dialect);
/// ` ON DELETE CASCADE ON UPDATE NO ACTION`, leaving out the actions not given.
std::string actions_sql(const std::optional<declarative::ReferentialAction>& on_delete,
                        const std::optional<declarative::ReferentialAction>& on_update);
/// `REFERENCES "t" ("c")` with the column's actions: the inline form of a column's key.
std::string references_sql(const declarative::ColumnSpec& column, Dialect dialect);
/// `FOREIGN KEY ("c") REFERENCES "t" ("id") ...`: the table-level form of a column's key.
std::string column_foreign_key_sql(const declarative::ColumnSpec& column, Dialect dialect);
/// A table constraint: `CONSTRAINT "n" UNIQUE ("a", "b")`, `CHECK (...)`, `PRIMARY KEY (...)`,
/// `FOREIGN KEY (...) REFERENCES ...`; no CONSTRAINT part when it has no name.
std::string constraint_sql(const declarative::ConstraintSpec& constraint, Dialect dialect);
/// The parenthesised column list of an index: `("a" DESC, "b")`; MySQL adds prefix lengths.
std::string index_fields_sql(const std::vector<declarative::IndexField>& fields, Dialect dialect);
/// Multi-row INSERTs of every row, in order: one per k_rows_per_insert rows (counted from the
/// first), closed early once its text reaches k_insert_bytes. The same rows give
/// the same statements whether they are rendered all at once or a thousand at a time.
std::vector<std::string> insert_sql(const declarative::BulkInsert& insert, Dialect dialect);
/// DELETE with the where-expression (every row when it has no conditions).
std::string delete_sql(const declarative::BulkDelete& remove, Dialect dialect);
/// The `sql` operation's text for `dialect`, split into statements with the dialect's lexical
/// rules; empty when it has none for this dialect (check_raw_sql refuses that).
std::vector<std::string> raw_sql_statements(const declarative::RawSql& sql, Dialect dialect);

}  // namespace forge::dialect
