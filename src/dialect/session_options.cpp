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

}  // namespace forge::dialect
