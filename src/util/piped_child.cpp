#include "util/piped_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "util/shutdown.hpp"

extern char** environ;

namespace forge::util {

namespace {

// A pipe whose two ends are above the descriptors the child gets (3 and 4), so that dup2 in
// the child always makes a fresh, inheritable copy.
void open_high_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("cannot create a pipe");
  read_end.reset(::fcntl(fds[0], F_DUPFD_CLOEXEC, 10));
  write_end.reset(::fcntl(fds[1], F_DUPFD_CLOEXEC, 10));
  ::close(fds[0]);
  ::close(fds[1]);
  if (read_end.get() < 0 || write_end.get() < 0) throw std::runtime_error("cannot create a pipe");
}

// posix_spawn's file actions, released on every path out.
class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&m_actions); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&m_actions); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &m_actions; }

 private:
  posix_spawn_file_actions_t m_actions;
};

}  // namespace

PipedChild::PipedChild(const std::vector<std::string>& argv) {
  UniqueFd child_reads, child_writes;
  open_high_pipe(child_reads, m_to_child);
  open_high_pipe(m_from_child, child_writes);
  SpawnActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), 2, 1);
  posix_spawn_file_actions_adddup2(actions.get(), child_reads.get(), 3);
  posix_spawn_file_actions_adddup2(actions.get(), child_writes.get(), 4);
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const int failed = ::posix_spawnp(&m_pid, args[0], actions.get(), nullptr, args.data(), environ);
  if (failed != 0) {
    m_pid = -1;
    throw std::runtime_error("cannot start " + argv.front() + ": " + std::strerror(failed));
  }
  ::signal(SIGPIPE, SIG_IGN);  // a child that died must show as an error, not end forge
}

PipedChild::~PipedChild() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGKILL);
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
}

void PipedChild::send(const std::string& line) {
  const std::string bytes = line + "\n";
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(m_to_child.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error("the child process is gone");
    written += static_cast<std::size_t>(n);
  }
}

std::optional<std::string> PipedChild::receive() {
  for (;;) {
    if (const auto end = m_buffered.find('\n'); end != std::string::npos) {
      std::string line = m_buffered.substr(0, end);
      m_buffered.erase(0, end + 1);
      return line;
    }
    if (stop_signal() != 0) {
      ::kill(m_pid, SIGKILL);
      return std::nullopt;
    }
    pollfd ready{m_from_child.get(), POLLIN, 0};
    const int polled = ::poll(&ready, 1, 200);  // wakes to notice a stop signal
    if (polled < 0 && errno != EINTR) return std::nullopt;
    if (polled <= 0) continue;
    char buffer[65536];
    const ssize_t got = ::read(m_from_child.get(), buffer, sizeof buffer);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) return std::nullopt;
    m_buffered.append(buffer, static_cast<std::size_t>(got));
  }
}

int PipedChild::wait() {
  m_to_child.reset();
  m_from_child.reset();
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0) {
    if (errno != EINTR) break;
  }
  m_pid = -1;
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace forge::util
