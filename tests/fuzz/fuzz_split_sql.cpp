// libFuzzer target: the SQL splitter on arbitrary text, with each dialect's lexical rules.
// A MigrationFileError (an unterminated quote or comment) is an expected answer; a crash, a
// sanitizer report, a leak or a hang is a bug. Statements must also stay inside the text's lines.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/errors.hpp"
#include "core/sql_splitter.hpp"
#include "util/strings.hpp"

namespace {

void split_with(std::string_view text, forge::core::Dialect dialect) {
  const forge::core::SqlOrigin origin{"fuzz.sql", 7};
  const int last_line = origin.first_line + forge::util::count_newlines(text);
  try {
    for (const auto& statement : forge::core::split_sql(text, origin, dialect)) {
      // "errors point at the right line": a statement cannot start outside the text.
      if (statement.line < origin.first_line || statement.line > last_line) std::abort();
      if (statement.file != origin.file) std::abort();
    }
  } catch (const forge::Error&) {
    // Expected for malformed SQL; the CLI prints it and exits 2.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto dialect : {forge::core::Dialect::sqlite, forge::core::Dialect::postgres,
                       forge::core::Dialect::mysql}) {
    split_with(text, dialect);
  }
  return 0;
}
