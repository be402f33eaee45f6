#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace forge::core {

/// How a fleet's targets are started: a canary first, and when to stop starting more.
struct RolloutPolicy {
  /// Run this many targets first, all of them; any failure among them then stops the rest.
  std::size_t canary = 0;
  /// Stop starting targets once this many have failed (running ones finish); nullopt: never.
  std::optional<std::size_t> max_failures = 1;
};

/// Decides which target a free worker starts next, in list order. Not thread-safe: the pool
/// calls it under its own mutex.
class Rollout {
 public:
  Rollout(std::size_t count, RolloutPolicy policy);

  /// What a free worker does now.
  enum class Next { start, wait, done };
  /// `start` target `index`; `wait` until a running target finishes (the canary is still
  /// running); `done` when nothing is left to start (every target started, or the rollout
  /// stopped).
  Next next(std::size_t& index);
  /// Records how a started target ended.
  void finished(bool ok);
  /// Starts nothing more (a signal asked forge to stop); `why` is the reason reported.
  void stop(const std::string& why);

  /// Why the rollout stopped before starting every target; empty when it did not.
  const std::string& stop_reason() const noexcept { return m_stop_reason; }
  std::size_t failures() const noexcept { return m_failures; }

 private:
  std::size_t m_count;
  RolloutPolicy m_policy;
  std::size_t m_started = 0, m_finished = 0, m_failures = 0;
  std::string m_stop_reason;
};

}  // namespace forge::core
