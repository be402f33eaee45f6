#include "cuttable_proxy.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

#include "loopback_tcp.hpp"

namespace forge::e2e {

namespace {

void drain_pipe(int fd) {
  char buffer[64];
  while (::read(fd, buffer, sizeof buffer) > 0) {
  }
}

}  // namespace

CuttableProxy::CuttableProxy(int target_port) : m_target_port(target_port) {
  if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
  }
  open_listener();
  if (m_listener < 0) {
    ::close(m_wake[0]);
    ::close(m_wake[1]);
    throw std::runtime_error(std::string("cannot listen on a free port: ") + std::strerror(errno));
  }
  m_thread = std::thread([this] { serve(); });
}

CuttableProxy::~CuttableProxy() {
  request(Request::stop);
  m_thread.join();
  ::close(m_wake[0]);
  ::close(m_wake[1]);
}

void CuttableProxy::cut() { request(Request::cut); }

void CuttableProxy::restore() {
  request(Request::restore);
  std::lock_guard<std::mutex> guard(m_mutex);
  if (m_listen_failed) {
    throw std::runtime_error("cannot listen on port " + std::to_string(m_port) + " again");
  }
}

int CuttableProxy::accepted() const {
  std::lock_guard<std::mutex> guard(m_mutex);
  return m_accepted;
}

// Hands `what` to the relay thread and waits until it has been carried out, so that after
// cut() returns every relayed socket is closed.
void CuttableProxy::request(Request what) {
  std::unique_lock<std::mutex> guard(m_mutex);
  m_request = what;
  (void)!::write(m_wake[1], "x", 1);
  m_done.wait(guard, [this] { return m_request == Request::none; });
}

void CuttableProxy::open_listener() {
  const BoundSocket bound = bind_loopback(m_port);  // 0 the first time: any free port
  if (bound.fd < 0) return;
  if (::listen(bound.fd, 16) != 0) {
    ::close(bound.fd);
    return;
  }
  m_listener = bound.fd;
  m_port = bound.port;
}

void CuttableProxy::close_all_links() {
  for (const Link& link : m_links) {
    ::close(link.client);
    ::close(link.server);
  }
  m_links.clear();
}

void CuttableProxy::accept_one() {
  const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
  if (client < 0) return;
  const int server = connect_loopback(m_target_port);
  if (server < 0) {
    ::close(client);
    return;
  }
  m_links.push_back({client, server});
  std::lock_guard<std::mutex> guard(m_mutex);
  ++m_accepted;
}

// Runs on the relay thread with m_mutex held.
void CuttableProxy::handle(Request what) {
  if (what == Request::cut || what == Request::stop) {
    close_all_links();
    if (m_listener >= 0) ::close(m_listener);
    m_listener = -1;
  } else if (what == Request::restore && m_listener < 0) {
    open_listener();
    m_listen_failed = m_listener < 0;
  }
}

void CuttableProxy::serve() {
  for (;;) {
    std::vector<pollfd> fds{{m_wake[0], POLLIN, 0}, {m_listener, POLLIN, 0}};
    for (const Link& link : m_links) {
      fds.push_back({link.client, POLLIN, 0});
      fds.push_back({link.server, POLLIN, 0});
    }
    if (::poll(fds.data(), fds.size(), -1) < 0) continue;  // EINTR; nothing else is expected
    if (fds[0].revents != 0) {
      drain_pipe(m_wake[0]);
      std::lock_guard<std::mutex> guard(m_mutex);
      const Request what = m_request;
      handle(what);
      m_request = Request::none;
      m_done.notify_all();
      if (what == Request::stop) return;
      continue;  // the links may have changed: poll afresh
    }
    if (m_listener >= 0 && fds[1].revents != 0) accept_one();
    const std::size_t polled = fds.size() / 2 - 1;  // links when the fds were built
    std::vector<Link> still_open;
    for (std::size_t i = 0; i < polled; ++i) {
      const Link link = m_links[i];
      bool open = true;
      if (fds[2 + 2 * i].revents != 0) open = pump(link.client, link.server);
      if (open && fds[3 + 2 * i].revents != 0) open = pump(link.server, link.client);
      if (open) {
        still_open.push_back(link);
      } else {
        ::close(link.client);
        ::close(link.server);
      }
    }
    // accept_one() may have added a link after the fds were built: keep it.
    for (std::size_t i = polled; i < m_links.size(); ++i) still_open.push_back(m_links[i]);
    m_links = std::move(still_open);
  }
}

}  // namespace forge::e2e
