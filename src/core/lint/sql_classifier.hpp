#pragma once
#include <string_view>

#include "core/dialect_kind.hpp"
#include "core/lint/lint_model.hpp"
#include "core/lint/token_cursor.hpp"

namespace forge::core::lint {

/// The shape of one MySQL or SQLite statement, from forge's tokenizer (not from regular
/// expressions over the text). Forms it does not know are OtherStatement; never throws.
StatementShape classify_sql(std::string_view statement, Dialect dialect);

/// A column definition at `cursor` (`name type [NOT NULL] [DEFAULT x] [REFERENCES t] ...`),
/// read up to the next top-level comma or closing parenthesis.
ColumnDef read_column_def(TokenCursor& cursor);

/// ALTER TABLE's actions, the cursor just after the table name.
AlterTable read_alter_table(TokenCursor& cursor, std::string table, Dialect dialect);

}  // namespace forge::core::lint
