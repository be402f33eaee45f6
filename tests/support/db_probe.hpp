#pragma once
#include <string>

namespace forge::testing {

/// Runs `sql` on the database at `url` (a forge URL) through the driver itself, not through
/// forge's adapters, and returns the first column of the first row as text ("" for NULL or no
/// row). Tests use it to check what forge did. Throws std::runtime_error on failure.
std::string query_scalar(const std::string& url, const std::string& sql);

/// Counts the rows of `sql`'s result on `url`'s database.
long count_rows(const std::string& url, const std::string& from_where);

/// Runs one statement that returns no rows (DDL, DML) on `url`'s database through the driver,
/// as a person would by hand. Throws std::runtime_error on failure.
void execute(const std::string& url, const std::string& sql);

}  // namespace forge::testing
