#include "core/lock_wait.hpp"

#include <thread>

#include "core/errors.hpp"
#include "util/logging.hpp"
#include "util/utc_clock.hpp"

namespace forge::core {

namespace {

std::string held_by(const LockHolder& holder) {
  if (!holder) return "";
  const auto who = holder();
  return who ? " (held by " + *who + ")" : "";
}

}  // namespace

void wait_for_lock(const std::function<bool()>& try_once, std::chrono::milliseconds wait,
                   const LockWaitText& text, const LockHolder& holder, const Sleeper& sleep,
                   std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  bool told = false;
  while (!try_once()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      throw LockTimeout("another forge held the migration lock on " + text.target + " for over " +
                            util::seconds_text(wait) + held_by(holder),
                        text.hint);
    }
    if (!told) {
      util::log_info("waiting for the migration lock on {}: another forge is running{}",
                     text.target, held_by(holder));
      told = true;
    }
    if (sleep) {
      sleep(interval);
    } else {
      std::this_thread::sleep_for(interval);
    }
  }
}

}  // namespace forge::core
