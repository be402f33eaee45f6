#include "util/shutdown.hpp"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace forge::util {

namespace {

std::atomic<int> g_stop_signal{0};
std::mutex g_mutex;              // guards the three below
std::condition_variable g_idle;  // told when a cancel is over
bool g_graceful = false;         // a GracefulStop is alive
bool g_cancelling = false;       // the watching thread is running the cancel
std::function<void()> g_cancel;  // what it cancels with

// What the watching thread does with one signal.
void on_signal(int signal) {
  std::function<void()> cancel;
  {
    const std::lock_guard<std::mutex> guard(g_mutex);
    if (!g_graceful || g_stop_signal.load() != 0) ::_exit(128 + signal);  // at once
    g_stop_signal = signal;
    cancel = g_cancel;
    g_cancelling = true;
  }
  if (cancel) cancel();
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
  g_graceful = true;
  g_cancel = std::move(cancel);
}

// The process must not exit (and destroy what the cancel uses) while the cancel runs.
GracefulStop::~GracefulStop() {
  std::unique_lock<std::mutex> guard(g_mutex);
  g_idle.wait(guard, [] { return !g_cancelling; });
  g_graceful = false;
  g_cancel = nullptr;
}

}  // namespace forge::util
