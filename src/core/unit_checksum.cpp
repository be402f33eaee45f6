#include "core/unit_checksum.hpp"

#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace forge::core {

struct UnitChecksum::Deferred {
  std::mutex mutex;  // guards the members below; held while computing, so it runs once
  Compute compute;
  std::optional<std::string> value;  // never changes once set
  std::vector<Listener> listeners;   // told once, when value is set

  // Sets value when still unset, under the lock; then tells the listeners, without it.
  const std::string& settle(std::unique_lock<std::mutex>& lock, std::string found) {
    if (value) return *value;
    value = std::move(found);
    std::vector<Listener> told;
    told.swap(listeners);
    lock.unlock();
    for (const Listener& listener : told) listener(*value);
    return *value;
  }
};

UnitChecksum UnitChecksum::when_asked(Compute compute) {
  UnitChecksum checksum;
  checksum.m_deferred = std::make_shared<Deferred>();
  checksum.m_deferred->compute = std::move(compute);
  return checksum;
}

const std::string& UnitChecksum::value() const {
  if (m_deferred == nullptr) return m_known;
  std::unique_lock<std::mutex> lock(m_deferred->mutex);
  if (m_deferred->value) return *m_deferred->value;
  return m_deferred->settle(lock, m_deferred->compute());
}

const std::string* UnitChecksum::known() const {
  if (m_deferred == nullptr) return &m_known;
  const std::lock_guard<std::mutex> lock(m_deferred->mutex);
  return m_deferred->value ? &*m_deferred->value : nullptr;
}

bool UnitChecksum::agrees(const std::string& hash) const {
  if (m_deferred == nullptr) return m_known == hash;
  std::unique_lock<std::mutex> lock(m_deferred->mutex);
  return m_deferred->settle(lock, hash) == hash;
}

void UnitChecksum::when_known(Listener listener) const {
  if (m_deferred != nullptr) {
    std::unique_lock<std::mutex> lock(m_deferred->mutex);
    if (!m_deferred->value) {
      m_deferred->listeners.push_back(std::move(listener));
      return;
    }
  }
  listener(value());
}

}  // namespace forge::core
