#include "core/section_statements.hpp"

#include <memory>
#include <mutex>
#include <utility>

namespace forge::core {

SectionStatements SectionStatements::deferred(Split split) {
  SectionStatements statements;
  statements.m_pending = std::make_shared<Pending>();
  statements.m_pending->split = std::move(split);
  return statements;
}

SectionStatements SectionStatements::streamed(std::shared_ptr<const StatementStream> stream) {
  SectionStatements statements;
  statements.m_pending = std::make_shared<Pending>();
  statements.m_pending->stream = std::move(stream);
  return statements;
}

bool SectionStatements::is_streamed() const noexcept {
  return m_pending != nullptr && m_pending->stream != nullptr && !m_pending->ready;
}

void SectionStatements::visit(const std::function<bool(const Statement&)>& each) const {
  if (is_streamed()) return m_pending->stream->for_each(each);
  for (const Statement& statement : all()) {
    if (!each(statement)) return;
  }
}

void SectionStatements::visit_kinds(const std::function<bool(const Statement&)>& each) const {
  if (is_streamed()) return m_pending->stream->for_each_kind(each);
  visit(each);
}

const std::vector<Statement>& SectionStatements::all() const {
  if (m_pending == nullptr) return m_statements;
  if (m_pending->ready.load(std::memory_order_acquire)) return m_pending->statements;
  return fill();
}

// The first full read, once for every thread and copy; the others wait for it.
const std::vector<Statement>& SectionStatements::fill() const {
  Pending& pending = *m_pending;
  const std::lock_guard<std::mutex> lock(pending.mutex);
  if (pending.ready) return pending.statements;
  if (pending.stream) {
    // A path that needs every statement at once (a unit resumed part-way, lint): correct, but
    // the statements are held from now on; the run of a pending unit goes through visit().
    std::vector<Statement> statements;  // whole or not at all, should the stream throw
    pending.stream->for_each([&](const Statement& statement) {
      statements.push_back(statement);
      return true;
    });
    pending.statements = std::move(statements);
  } else {
    pending.statements = pending.split();  // a throw leaves the split: the next read throws too
    pending.split = nullptr;
  }
  pending.ready.store(true, std::memory_order_release);
  return pending.statements;
}

void SectionStatements::push_back(Statement statement) {
  // Copies share what a deferred split gave: this one takes its own before it changes.
  if (m_pending != nullptr) {
    m_statements = all();
    m_pending.reset();
  }
  m_statements.push_back(std::move(statement));
}

}  // namespace forge::core
