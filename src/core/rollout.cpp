#include "core/rollout.hpp"

#include <algorithm>

namespace forge::core {

Rollout::Rollout(std::size_t count, RolloutPolicy policy) : m_count(count), m_policy(policy) {
  m_policy.canary = std::min(m_policy.canary, count);
}

Rollout::Next Rollout::next(std::size_t& index) {
  if (!m_stop_reason.empty() || m_started == m_count) return Next::done;
  // The rest waits until every canary target has finished, and only starts if all succeeded.
  const bool canary_running = m_started >= m_policy.canary && m_finished < m_policy.canary;
  if (canary_running) return Next::wait;
  index = m_started++;
  return Next::start;
}

void Rollout::finished(bool ok) {
  ++m_finished;
  if (!ok) ++m_failures;
  // The whole canary runs, then decides: the first `canary` to finish are its members, as
  // nothing else starts before they have.
  if (m_finished <= m_policy.canary) {
    if (m_finished == m_policy.canary && m_failures > 0) {
      stop("a canary database failed (--canary " + std::to_string(m_policy.canary) + ")");
    }
    return;
  }
  if (!ok && m_policy.max_failures && m_failures >= *m_policy.max_failures) {
    stop(std::to_string(m_failures) + " database(s) failed (--max-failures " +
         std::to_string(*m_policy.max_failures) + ")");
  }
}

void Rollout::stop(const std::string& why) {
  if (m_stop_reason.empty()) m_stop_reason = why;
}

}  // namespace forge::core
