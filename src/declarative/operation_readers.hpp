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

}  // namespace forge::declarative
