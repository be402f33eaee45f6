#include "dialect/session_options.hpp"

#include "util/utc_clock.hpp"

namespace forge::dialect {

StatementError statement_timed_out(std::chrono::milliseconds limit,
                                   const std::string& server_message, const std::string& code,
                                   const std::string& file, int line) {
  return StatementError("the statement ran longer than --statement-timeout (" +
                            util::seconds_text(limit) + ") and was stopped: " + server_message,
                        code, file, line);
}

ConnectionError read_only_server(const std::string& where, const std::string& what) {
  return ConnectionError(
      where + " is " + what + "; point forge at the primary",
      "Give the primary's URL (PostgreSQL: list every host, postgres://u@primary,standby/db?"
      "target_session_attrs=read-write, and libpq picks the one that takes writes), or with "
      "--wait <seconds> forge waits until this server is promoted.");
}

}  // namespace forge::dialect
