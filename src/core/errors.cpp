#include "core/errors.hpp"

namespace forge {

namespace {
std::string describe_statement_error(const std::string& unit, const std::string& file, int line,
                                     const std::string& message, const std::string& code,
                                     const std::string& aftermath) {
  std::string text;
  if (!unit.empty()) text += "migration " + unit + " failed: ";
  if (!file.empty()) text += file + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": ";
  text += message;
  if (!code.empty()) text += " (" + code + ")";
  if (!aftermath.empty()) text += "\n" + aftermath;
  return text;
}

std::string describe_write_refusal(const std::string& reason, const std::string& file, int line,
                                   const std::string& message, const std::string& code) {
  return "the database cannot take writes (" + reason +
         "): " + describe_statement_error({}, file, line, message, code, {});
}

std::string describe_file_position(const std::string& file, int line, int column) {
  if (line <= 0) return file;
  std::string text = file + ":" + std::to_string(line);
  if (column > 0) text += ":" + std::to_string(column);
  return text;
}
}  // namespace

Error::Error(const std::string& message, std::string hint)
    : std::runtime_error(message), m_hint(std::move(hint)) {}

MigrationFileError::MigrationFileError(const std::string& file, int line,
                                       const std::string& problem, std::string hint)
    : MigrationFileError(file, line, 0, problem, std::move(hint)) {}

MigrationFileError::MigrationFileError(const std::string& file, int line, int column,
                                       const std::string& problem, std::string hint)
    : Error(describe_file_position(file, line, column) + ": " + problem, std::move(hint)),
      m_file(file),
      m_line(line),
      m_column(column) {}

StatementError::StatementError(std::string server_message, std::string server_code,
                               std::string file, int line, std::string unit, std::string aftermath)
    : Error(describe_statement_error(unit, file, line, server_message, server_code, aftermath),
            "Fix the statement and run the command again; units completed before it stay done."),
      m_server_message(std::move(server_message)),
      m_server_code(std::move(server_code)),
      m_file(std::move(file)),
      m_line(line),
      m_unit(std::move(unit)),
      m_aftermath(std::move(aftermath)) {}

StatementError StatementError::with_unit(const std::string& unit,
                                         const std::string& aftermath) const {
  return StatementError(m_server_message, m_server_code, m_file, m_line, unit, aftermath);
}

NotWritableError::NotWritableError(WriteRefusal why, std::string server_message,
                                   std::string server_code, std::string file, int line)
    : ConnectionError(describe_write_refusal(why.reason, file, line, server_message, server_code),
                      std::move(why.hint)),
      m_reason(std::move(why.reason)),
      m_server_message(std::move(server_message)),
      m_server_code(std::move(server_code)),
      m_file(std::move(file)),
      m_line(line) {}

}  // namespace forge
