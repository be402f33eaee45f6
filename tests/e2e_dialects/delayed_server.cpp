#include "delayed_server.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "loopback_tcp.hpp"

namespace forge::e2e {

namespace {

constexpr int k_poll_ms = 100;

}  // namespace

DelayedServer::DelayedServer(int target_port, std::chrono::milliseconds delay)
    : m_target_port(target_port) {
  const BoundSocket bound = bind_loopback(0);
  if (bound.fd < 0) {
    throw std::runtime_error(std::string("cannot reserve a port: ") + std::strerror(errno));
  }
  // Bound but not listening: the kernel refuses connections, as for a server not yet up.
  m_socket = bound.fd;
  m_port = bound.port;
  m_thread = std::thread([this, delay] { serve(delay); });
}

DelayedServer::~DelayedServer() {
  {
    std::lock_guard<std::mutex> guard(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_thread.join();
  ::close(m_socket);
}

void DelayedServer::serve(std::chrono::milliseconds delay) {
  {
    std::unique_lock<std::mutex> guard(m_mutex);
    if (m_wake.wait_for(guard, delay, [this] { return stopping(); })) return;
  }
  if (::listen(m_socket, 16) != 0) return;
  while (!stopping()) {
    pollfd ready{m_socket, POLLIN, 0};
    if (::poll(&ready, 1, k_poll_ms) <= 0) continue;
    const int client = ::accept4(m_socket, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++m_accepted;
    m_relays.emplace_back([this, client] { relay(client); });
  }
  for (auto& relay : m_relays) relay.join();
}

void DelayedServer::relay(int client) const {
  const int server = connect_loopback(m_target_port);
  bool open = server >= 0;
  while (open && !stopping()) {
    pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(fds, 2, k_poll_ms) < 0 && errno != EINTR) break;
    if (fds[0].revents != 0) open = pump(client, server);
    if (open && fds[1].revents != 0) open = pump(server, client);
  }
  if (server >= 0) ::close(server);
  ::close(client);
}

}  // namespace forge::e2e
