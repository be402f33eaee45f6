#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace forge::e2e {

/// A TCP port on 127.0.0.1 that refuses connections until `delay` has passed and from then on
/// forwards each connection to 127.0.0.1:`target_port`: a database server that is still
/// starting, as a container entrypoint meets it. Stops and closes everything when destroyed.
class DelayedServer {
 public:
  /// Reserves the port at once (bound, not yet listening); throws std::runtime_error on failure.
  DelayedServer(int target_port, std::chrono::milliseconds delay);
  ~DelayedServer();
  DelayedServer(const DelayedServer&) = delete;
  DelayedServer& operator=(const DelayedServer&) = delete;

  /// The port clients should connect to.
  int port() const { return m_port; }
  /// How many connections it has accepted and forwarded so far.
  int accepted() const { return m_accepted; }

 private:
  void serve(std::chrono::milliseconds delay);
  void relay(int client) const;
  bool stopping() const { return m_stop; }

  int m_socket = -1;
  int m_port = 0;
  int m_target_port;
  std::atomic<bool> m_stop{false};
  std::atomic<int> m_accepted{0};
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::vector<std::thread> m_relays;  // touched only by the serving thread, then joined
  std::thread m_thread;
};

}  // namespace forge::e2e
