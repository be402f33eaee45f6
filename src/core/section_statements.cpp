#include "core/section_statements.hpp"

#include <memory>
#include <utility>

namespace forge::core {

SectionStatements SectionStatements::deferred(Split split) {
  SectionStatements statements;
  statements.m_split = std::move(split);
  return statements;
}

SectionStatements SectionStatements::streamed(std::shared_ptr<const StatementStream> stream) {
  SectionStatements statements;
  statements.m_stream = std::move(stream);
  return statements;
}

void SectionStatements::visit(const std::function<bool(const Statement&)>& each) const {
  if (is_streamed()) return m_stream->for_each(each);
  for (const Statement& statement : all()) {
    if (!each(statement)) return;
  }
}

void SectionStatements::visit_kinds(const std::function<bool(const Statement&)>& each) const {
  if (is_streamed()) return m_stream->for_each_kind(each);
  visit(each);
}

const std::vector<Statement>& SectionStatements::all() const {
  if (is_streamed()) {
    // A path that needs every statement at once (a unit resumed part-way, lint): correct, but
    // the statements are held; the run of a pending unit goes through visit() instead.
    std::vector<Statement> statements;
    m_stream->for_each([&](const Statement& statement) {
      statements.push_back(statement);
      return true;
    });
    m_statements = std::move(statements);
    m_held = true;
  }
  if (m_split) {
    m_statements = m_split();  // a throw leaves the split in place: the next read throws too
    m_split = nullptr;
  }
  return m_statements;
}

void SectionStatements::push_back(Statement statement) {
  all();
  m_statements.push_back(std::move(statement));
}

}  // namespace forge::core
