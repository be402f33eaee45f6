#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace forge::core {

/// Who holds a lock now ("pid 12 on web-1 ..."), or nullopt when that cannot be told.
using LockHolder = std::function<std::optional<std::string>()>;
/// Sleeps between tries; tests pass one that only counts.
using Sleeper = std::function<void(std::chrono::milliseconds)>;

/// What a lock wait says: which database (`target`, no password) and what to do at a timeout.
struct LockWaitText {
  std::string target;
  std::string hint;
};

/// The one lock-wait loop every dialect uses: calls `try_once` until it returns true or `wait`
/// has passed, sleeping `interval` between tries; says once (info) that it waits and for whom;
/// at the deadline throws LockTimeout naming the target, the wait and the holder.
void wait_for_lock(const std::function<bool()>& try_once, std::chrono::milliseconds wait,
                   const LockWaitText& text, const LockHolder& holder, const Sleeper& sleep = {},
                   std::chrono::milliseconds interval = std::chrono::milliseconds(100));

}  // namespace forge::core
