#pragma once
#include <chrono>
#include <string>

#include "core/errors.hpp"

namespace forge::dialect {

/// How forge's sessions behave beyond what the URL says (global options and the config file).
struct SessionOptions {
  /// The longest one statement may run before the database stops it; zero: no limit. forge's
  /// wait for the migration lock polls with short statements, so --lock-timeout alone bounds it.
  std::chrono::milliseconds statement_timeout{0};
  /// The command writes: a server that cannot take writes (a standby, read_only) is refused as
  /// the session opens, with a ConnectionError that --wait retries until it is promoted.
  bool writes = false;
};

/// The error for a server that takes no writes, opened for a command that writes: `where` is
/// the HOST:PORT actually reached, `what` says which ("a read-only standby").
ConnectionError read_only_server(const std::string& where, const std::string& what);

/// The error for a statement the database stopped after `limit` (--statement-timeout): the
/// database's own message and code, and the statement's file and line.
StatementError statement_timed_out(std::chrono::milliseconds limit,
                                   const std::string& server_message, const std::string& code,
                                   const std::string& file, int line);

}  // namespace forge::dialect
