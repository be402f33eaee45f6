#pragma once
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace forge::e2e {

/// Environment changes for a child: a value sets the variable, nullopt unsets it.
using EnvChanges = std::map<std::string, std::optional<std::string>>;

/// What to run: argv[0] is the program's path; the child starts in `cwd`.
struct ProcessSpec {
  std::vector<std::string> argv;
  std::filesystem::path cwd;
  EnvChanges env;
  std::chrono::milliseconds timeout{30000};
  bool stderr_on_terminal = false;  ///< stderr is a pseudo-terminal instead of a pipe
};

/// How a child ended and what it printed.
struct ProcessResult {
  int exit_code = -1;      ///< -1 when killed by a signal or timed out
  int signal = 0;          ///< the signal that ended it, else 0
  bool timed_out = false;  ///< it ran past the spec's timeout and was killed
  std::string out, err;
  pid_t pid = -1;         ///< the child's process id
  long peak_rss_kib = 0;  ///< the child's peak resident memory (its own, not its children's)
};

/// Prints a result for failure messages: status, stdout and stderr.
std::ostream& operator<<(std::ostream& os, const ProcessResult& result);

/// The variables every child starts without (unless the spec sets them), so the developer's
/// own shell cannot steer a test: DATABASE_URL, NO_COLOR, NODE_ENV and every FORGE_*.
bool is_scrubbed_variable(const std::string& name);

/// A running child with stdin at /dev/null and stdout/stderr captured. Starting it never
/// waits; wait() collects the output. Destroying a child that was not waited for kills it.
class Process {
 public:
  /// Starts the child; throws std::runtime_error when it cannot be started.
  explicit Process(const ProcessSpec& spec);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  /// Reads its output until it exits or the timeout passes (then kills it); call once.
  ProcessResult wait();
  /// The child's process id.
  pid_t pid() const noexcept { return m_pid; }
  /// Like wait(), but kills it (timed_out) once `limit` has passed, if that comes first.
  ProcessResult wait_at_most(std::chrono::milliseconds limit);
  /// Sends `signal` to the child; no effect once it has been waited for.
  void signal(int signal) const;

 private:
  pid_t m_pid = -1;
  int m_out = -1, m_err = -1;
  std::chrono::steady_clock::time_point m_deadline;
};

/// Starts a child and waits for it.
ProcessResult run_process(const ProcessSpec& spec);

}  // namespace forge::e2e
