#include "cli/fleet_progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace forge::cli {

namespace {
constexpr std::size_t k_bar_width = 30;
}  // namespace

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

FleetProgress::~FleetProgress() {
  const std::lock_guard<std::mutex> guard(m_mutex);
  clear();
}

void FleetProgress::started() {
  const std::lock_guard<std::mutex> guard(m_mutex);
  ++m_running;
  draw();
}

void FleetProgress::finished(bool ok) {
  const std::lock_guard<std::mutex> guard(m_mutex);
  --m_running;
  ++m_done;
  if (!ok) ++m_failed;
  draw();
}

void FleetProgress::draw() {
  if (!m_enabled || m_total == 0) return;
  const std::size_t filled = m_done * k_bar_width / m_total;
  const std::string bar = std::string(filled, '#') + std::string(k_bar_width - filled, '.');
  std::fprintf(stderr, "\r\033[K[%s] %zu/%zu done, %zu running, %zu failed, %zu pending",
               bar.c_str(), m_done, m_total, m_running, m_failed, m_total - m_done - m_running);
  std::fflush(stderr);
}

void FleetProgress::clear() {
  if (!m_enabled) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

}  // namespace forge::cli
