#pragma once
#include <functional>
#include <list>

// SIGINT and SIGTERM as a pod's termination and a person's Ctrl-C: outside a GracefulStop the
// process ends at once (nothing is half done: the database session ends with it); inside one,
// the first signal asks the work to stop cleanly and cancels what the server is running, and a
// second one ends the process at once.
namespace forge::util {

/// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts later, and starts
/// the thread that receives them. Call once, first thing in main().
void install_shutdown_watch();

/// The signal that asked the work to stop (SIGINT or SIGTERM), or 0.
int stop_signal() noexcept;

/// Records `signal` as if it had been received inside a GracefulStop (for tests).
void request_stop(int signal) noexcept;

/// While one is alive, a first SIGINT/SIGTERM sets stop_signal() and calls `cancel` (from the
/// watching thread) instead of ending the process. Several may be alive at once (a fleet's
/// workers, and the fleet itself): the signal then calls each one's `cancel`.
class GracefulStop {
 public:
  explicit GracefulStop(std::function<void()> cancel);
  ~GracefulStop();
  GracefulStop(const GracefulStop&) = delete;
  GracefulStop& operator=(const GracefulStop&) = delete;

 private:
  std::list<std::function<void()>>::iterator m_entry;  // this one's cancel in the live list
};

}  // namespace forge::util
