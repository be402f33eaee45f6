#include "util/shutdown.hpp"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

namespace forge::util {

namespace {

std::atomic<int> g_stop_signal{0};
std::mutex g_mutex;              // guards the two below
std::condition_variable g_idle;  // told when a cancel is over
bool g_cancelling = false;       // the watching thread is running the cancels
// What each live GracefulStop cancels with (a fleet has one per worker thread); empty: none
// is alive, and a signal ends the process at once.
std::list<std::function<void()>>& cancels() {
  static std::list<std::function<void()>> list;
  return list;
}

// What the watching thread does with one signal.
void on_signal(int signal) {
  std::list<std::function<void()>> to_call;
  {
    const std::lock_guard<std::mutex> guard(g_mutex);
    if (cancels().empty() || g_stop_signal.load() != 0) ::_exit(128 + signal);  // at once
    g_stop_signal = signal;
    to_call = cancels();
    g_cancelling = true;
  }
  for (const auto& cancel : to_call) {
    if (cancel) cancel();
  }
  const std::lock_guard<std::mutex> guard(g_mutex);
  g_cancelling = false;
  g_idle.notify_all();
}

sigset_t stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

void install_shutdown_watch() {
  const sigset_t set = stop_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread([set] {
    for (;;) {
      int signal = 0;
      if (sigwait(&set, &signal) == 0) on_signal(signal);
    }
  }).detach();
}

int stop_signal() noexcept { return g_stop_signal.load(); }

void request_stop(int signal) noexcept { g_stop_signal = signal; }

GracefulStop::GracefulStop(std::function<void()> cancel) {
  const std::lock_guard<std::mutex> guard(g_mutex);
  cancels().push_front(std::move(cancel));
  m_entry = cancels().begin();
}

// The process must not exit (and destroy what the cancel uses) while the cancel runs.
GracefulStop::~GracefulStop() {
  std::unique_lock<std::mutex> guard(g_mutex);
  g_idle.wait(guard, [] { return !g_cancelling; });
  cancels().erase(m_entry);
}

}  // namespace forge::util
