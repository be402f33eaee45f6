#include "delayed_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace forge::e2e {

namespace {

constexpr int k_poll_ms = 100;

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(port);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0)
    return fd;
  if (fd >= 0) ::close(fd);
  return -1;
}

// Copies what is readable on `from` to `to`; false at end of stream or on error.
bool pump(int from, int to) {
  char buffer[16384];
  const ssize_t n = ::read(from, buffer, sizeof buffer);
  if (n <= 0) return n < 0 && errno == EINTR;
  for (ssize_t sent = 0; sent < n;) {
    // send, not write: a peer that hung up must not raise SIGPIPE in the test process.
    const ssize_t w = ::send(to, buffer + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
    if (w < 0 && errno != EINTR) return false;
    if (w > 0) sent += w;
  }
  return true;
}

}  // namespace

DelayedServer::DelayedServer(int target_port, std::chrono::milliseconds delay)
    : m_target_port(target_port) {
  m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (m_socket < 0 || ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error(std::string("cannot reserve a port: ") + std::strerror(errno));
  }
  // Bound but not listening: the kernel refuses connections, as for a server not yet up.
  m_port = ntohs(address.sin_port);
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
  const int server = connect_to(m_target_port);
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
