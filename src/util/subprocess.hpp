#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace forge::util {

/// What a finished child process left.
struct ProcessResult {
  int exit_code = -1;      ///< its exit status; 128 + N when killed by signal N
  std::string out;         ///< its standard output, up to the limit given
  std::string err;         ///< its standard error, up to the limit given
  bool timed_out = false;  ///< it ran past the limit and was killed
  bool not_found = false;  ///< the program could not be started (not on PATH, say)
};

/// Runs `argv` (argv[0] looked up on PATH), standard input closed, until it exits or `limit`
/// has passed (then it is killed). Output past `max_output` bytes per stream is dropped. The
/// child's descriptors are its own: pipes are closed on every path out of this function.
ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds limit,
                          std::size_t max_output = std::size_t(16) << 20);

}  // namespace forge::util
