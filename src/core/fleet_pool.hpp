#pragma once
#include <cstddef>
#include <functional>

#include "core/rollout.hpp"

namespace forge::core {

/// Runs `work(index)` for the targets `rollout` lets start, on at most `workers` threads at once
/// (at least one), and returns once every started target has finished. `work` returns whether
/// its target succeeded and must not throw; it runs on the pool's threads, several at once.
/// Once a SIGINT/SIGTERM has asked forge to stop, nothing more is started.
void run_pool(std::size_t workers, Rollout& rollout,
              const std::function<bool(std::size_t index)>& work);

}  // namespace forge::core
