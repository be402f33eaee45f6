#include "process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace forge::e2e {

namespace {

using Clock = std::chrono::steady_clock;

// Owned copies of strings plus the null-terminated char* array execve wants, built before fork
// so the child only calls async-signal-safe functions.
class CStringArray {
 public:
  explicit CStringArray(std::vector<std::string> items) : m_items(std::move(items)) {
    for (auto& item : m_items) m_pointers.push_back(item.data());
    m_pointers.push_back(nullptr);
  }
  char* const* get() { return m_pointers.data(); }

 private:
  std::vector<std::string> m_items;
  std::vector<char*> m_pointers;
};

std::vector<std::string> child_environment(const EnvChanges& changes) {
  std::vector<std::string> result;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const std::string name = text.substr(0, text.find('='));
    if (!is_scrubbed_variable(name) && changes.count(name) == 0) result.push_back(text);
  }
  for (const auto& [name, value] : changes) {
    if (value) result.push_back(name + "=" + *value);
  }
  return result;
}

[[noreturn]] void exec_child(const std::string& cwd, CStringArray& argv, CStringArray& envp,
                             int out, int err) {
  const int null_in = ::open("/dev/null", O_RDONLY);
  if (null_in >= 0) ::dup2(null_in, STDIN_FILENO);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  if (::chdir(cwd.c_str()) != 0) {
    const char message[] = "e2e: chdir failed\n";
    (void)!::write(STDERR_FILENO, message, sizeof message - 1);
    ::_exit(126);
  }
  ::execve(argv.get()[0], argv.get(), envp.get());
  const char message[] = "e2e: execve failed\n";
  (void)!::write(STDERR_FILENO, message, sizeof message - 1);
  ::_exit(127);
}

// Appends what is readable on `fd` to `sink`; returns false at end of file (for a terminal's
// master side, EIO once the child has closed it).
bool drain(int fd, std::string& sink) {
  char buffer[4096];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n > 0) {
    sink.append(buffer, static_cast<std::size_t>(n));
    return true;
  }
  return n < 0 && errno == EINTR;
}

// A pipe, or a pseudo-terminal (read end = master, write end = slave); both close on exec.
void open_channel(int ends[2], bool terminal) {
  if (!terminal) {
    if (::pipe2(ends, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    return;
  }
  if (::openpty(&ends[0], &ends[1], nullptr, nullptr, nullptr) != 0) {
    throw std::runtime_error("openpty failed");
  }
  ::fcntl(ends[0], F_SETFD, FD_CLOEXEC);
  ::fcntl(ends[1], F_SETFD, FD_CLOEXEC);
}

int milliseconds_until(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

bool is_scrubbed_variable(const std::string& name) {
  return name.rfind("FORGE_", 0) == 0 || name == "DATABASE_URL" || name == "NODE_ENV" ||
         name == "NO_COLOR";
}

std::ostream& operator<<(std::ostream& os, const ProcessResult& result) {
  os << "\n--- exit code " << result.exit_code;
  if (result.signal != 0) os << " (signal " << result.signal << ")";
  if (result.timed_out) os << " (TIMED OUT)";
  return os << "\n--- stdout:\n" << result.out << "--- stderr:\n" << result.err << "---\n";
}

Process::Process(const ProcessSpec& spec) : m_deadline(Clock::now() + spec.timeout) {
  CStringArray argv(spec.argv);
  CStringArray envp(child_environment(spec.env));
  const std::string cwd = spec.cwd.string();
  int out[2], err[2];
  open_channel(out, false);
  open_channel(err, spec.stderr_on_terminal);
  m_pid = ::fork();
  if (m_pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (m_pid == 0) exec_child(cwd, argv, envp, out[1], err[1]);
  ::close(out[1]);
  ::close(err[1]);
  m_out = out[0];
  m_err = err[0];
}

Process::~Process() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
  }
  if (m_out >= 0) ::close(m_out);
  if (m_err >= 0) ::close(m_err);
}

ProcessResult Process::wait() {
  ProcessResult result;
  result.pid = m_pid;
  bool out_open = true, err_open = true;
  while ((out_open || err_open) && milliseconds_until(m_deadline) > 0) {
    pollfd fds[2] = {{out_open ? m_out : -1, POLLIN, 0}, {err_open ? m_err : -1, POLLIN, 0}};
    if (::poll(fds, 2, milliseconds_until(m_deadline)) < 0 && errno != EINTR) break;
    if (fds[0].revents != 0) out_open = drain(m_out, result.out);
    if (fds[1].revents != 0) err_open = drain(m_err, result.err);
  }
  int status = 0;
  pid_t done = 0;
  // Both pipes closed means the child is exiting; the deadline still bounds the wait.
  rusage usage{};
  while ((done = ::wait4(m_pid, &status, WNOHANG, &usage)) == 0 &&
         milliseconds_until(m_deadline) > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  if (done == 0) {
    result.timed_out = true;
    ::kill(m_pid, SIGKILL);
    ::wait4(m_pid, &status, 0, &usage);
  }
  result.peak_rss_kib = usage.ru_maxrss;
  m_pid = -1;
  if (WIFEXITED(status) && !result.timed_out) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  return result;
}

ProcessResult Process::wait_at_most(std::chrono::milliseconds limit) {
  m_deadline = std::min(m_deadline, Clock::now() + limit);
  return wait();
}

void Process::signal(int signal) const {
  if (m_pid > 0) ::kill(m_pid, signal);
}

ProcessResult run_process(const ProcessSpec& spec) { return Process(spec).wait(); }

}  // namespace forge::e2e
