#include "dialect/inserts_ahead.hpp"

#include <utility>
#include <variant>

namespace forge::dialect {

InsertsAhead::InsertsAhead(const declarative::StreamedUnit& unit,
                           const declarative::StreamedList& list,
                           const declarative::StreamedRows& rows,
                           const declarative::SqlRenderer& renderer, declarative::UpListHash* hash)
    : m_thread([this, &unit, &list, &rows, &renderer, hash] {
        produce(unit, list, rows, renderer, hash);
      }) {}

InsertsAhead::~InsertsAhead() {
  {
    const std::lock_guard<std::mutex> guard(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

bool InsertsAhead::next(std::string& text, int& line) {
  std::unique_lock<std::mutex> guard(m_mutex);
  m_changed.wait(guard, [this] { return !m_ready.empty() || m_finished; });
  if (m_ready.empty()) {
    if (m_error) std::rethrow_exception(m_error);
    return false;
  }
  text = std::move(m_ready.front().text);
  line = m_ready.front().line;
  m_ready.pop_front();
  guard.unlock();
  m_changed.notify_all();
  return true;
}

// Waits for room, then queues one INSERT; false once the reader wants no more.
bool InsertsAhead::offer(std::string text, int line) {
  std::unique_lock<std::mutex> guard(m_mutex);
  m_changed.wait(guard, [this] { return m_ready.size() < k_ready || m_stopping; });
  if (m_stopping) return false;
  m_ready.push_back({std::move(text), line});
  guard.unlock();
  m_changed.notify_all();
  return true;
}

void InsertsAhead::produce(const declarative::StreamedUnit& unit,
                           const declarative::StreamedList& list,
                           const declarative::StreamedRows& rows,
                           const declarative::SqlRenderer& renderer,
                           declarative::UpListHash* hash) {
  std::exception_ptr error;
  try {
    const auto render = [&](const declarative::Batch& batch) {
      const int line = std::get<declarative::BulkInsert>(batch).rows.front().location.line;
      for (std::string& text : renderer.render(batch)) {
        if (!offer(std::move(text), line)) return false;
      }
      return true;
    };
    if (hash == nullptr) {
      declarative::each_batch(unit, list, rows, render);
    } else {
      declarative::each_batch(unit, list, rows, render,
                              [hash](const declarative::DocumentNode& row) { hash->row(row); });
    }
  } catch (...) {
    error = std::current_exception();
  }
  {
    const std::lock_guard<std::mutex> guard(m_mutex);
    m_finished = true;
    m_error = error;
  }
  m_changed.notify_all();
}

}  // namespace forge::dialect
