#pragma once
#include "declarative/document.hpp"
#include "declarative/model.hpp"

namespace forge::declarative {

// One reader per operation. `body` is the map under the operation's name (for sql: the string or
// dialect map), `at` where the name was written. Each throws MigrationFileError for an unknown
// option, a missing field, or a value of the wrong shape.

Operation read_create_table(const DocumentNode& body, const SourceLocation& at);
Operation read_drop_table(const DocumentNode& body, const SourceLocation& at);
Operation read_rename_table(const DocumentNode& body, const SourceLocation& at);
Operation read_add_column(const DocumentNode& body, const SourceLocation& at);
Operation read_remove_column(const DocumentNode& body, const SourceLocation& at);
Operation read_rename_column(const DocumentNode& body, const SourceLocation& at);
Operation read_change_column(const DocumentNode& body, const SourceLocation& at);
Operation read_add_index(const DocumentNode& body, const SourceLocation& at);
Operation read_remove_index(const DocumentNode& body, const SourceLocation& at);
Operation read_add_constraint(const DocumentNode& body, const SourceLocation& at);
Operation read_remove_constraint(const DocumentNode& body, const SourceLocation& at);
Operation read_bulk_insert(const DocumentNode& body, const SourceLocation& at);
Operation read_bulk_delete(const DocumentNode& body, const SourceLocation& at);
Operation read_sql(const DocumentNode& body, const SourceLocation& at);

/// Row `number` (from 1) of a bulkInsert whose columns are `columns` (the first row's keys):
/// a map naming exactly those columns, each with a value or expression. What read_bulk_insert
/// reads each row with, and a large unit's reader each row it streams.
Row read_bulk_insert_row(const DocumentNode& node, std::size_t number,
                         const std::vector<std::string>& columns);
/// read_bulk_insert_row into `row`, reusing its storage.
void read_bulk_insert_row(const DocumentNode& node, std::size_t number,
                          const std::vector<std::string>& columns, Row& row);

}  // namespace forge::declarative
