#pragma once
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "util/unique_fd.hpp"

namespace forge::util {

/// A child process forge converses with in lines: what send() writes, the child reads on its
/// descriptor 3; what it writes on its descriptor 4 comes back through receive(). Its standard
/// input is /dev/null and its standard output goes to forge's standard error, so whatever it
/// prints (a migration's console.log) never mixes with forge's own output. A child still
/// running when this object goes away is killed and reaped.
class PipedChild {
 public:
  /// Starts `argv` (argv[0] a path, or a name looked up on PATH); throws std::runtime_error
  /// when it cannot be started.
  explicit PipedChild(const std::vector<std::string>& argv);
  ~PipedChild();
  PipedChild(const PipedChild&) = delete;
  PipedChild& operator=(const PipedChild&) = delete;

  /// Writes `line` and a newline; throws std::runtime_error when the child is gone.
  void send(const std::string& line);
  /// The next line the child wrote, without its newline; nullopt once it closed its end (it
  /// exited), or when a stop signal (util/shutdown) arrived while waiting: then the child is
  /// killed.
  std::optional<std::string> receive();
  /// Closes forge's ends, waits for the child to exit and returns its exit status (128 + N
  /// when signal N ended it).
  int wait();

 private:
  pid_t m_pid = -1;
  UniqueFd m_to_child;
  UniqueFd m_from_child;
  std::string m_buffered;
};

}  // namespace forge::util
