#pragma once
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace forge::e2e {

/// A TCP proxy from 127.0.0.1:port() to 127.0.0.1:`target_port` whose link can be cut, as when
/// the network or the server goes away mid-run: a database server reached through it.
/// One thread relays every connection; cut() and restore() return once it has done what they ask.
/// Stops and closes everything when destroyed.
class CuttableProxy {
 public:
  /// Listens at once on a free port; throws std::runtime_error on failure.
  explicit CuttableProxy(int target_port);
  ~CuttableProxy();
  CuttableProxy(const CuttableProxy&) = delete;
  CuttableProxy& operator=(const CuttableProxy&) = delete;

  /// The port clients should connect to.
  int port() const { return m_port; }
  /// Closes every relayed connection (both sides) and stops listening, so that new
  /// connections are refused by the kernel.
  void cut();
  /// Listens on the same port again; throws std::runtime_error when the port cannot be had.
  void restore();
  /// How many connections it has accepted and forwarded so far.
  int accepted() const;

 private:
  enum class Request { none, cut, restore, stop };
  struct Link {
    int client;
    int server;
  };

  void serve();
  void handle(Request request);
  void accept_one();
  void close_all_links();
  void open_listener();
  void request(Request request);

  int m_listener = -1;  // -1 while cut
  int m_port = 0;
  int m_target_port;
  int m_wake[2] = {-1, -1};   // a pipe that interrupts the relay thread's poll
  std::vector<Link> m_links;  // touched only by the relay thread
  mutable std::mutex m_mutex;
  std::condition_variable m_done;
  Request m_request = Request::none;  // guarded by m_mutex
  bool m_listen_failed = false;       // guarded by m_mutex
  int m_accepted = 0;                 // guarded by m_mutex
  std::thread m_thread;
};

}  // namespace forge::e2e
