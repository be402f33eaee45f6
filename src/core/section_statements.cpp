#include "core/section_statements.hpp"

#include <utility>

namespace forge::core {

SectionStatements SectionStatements::deferred(Split split) {
  SectionStatements statements;
  statements.m_split = std::move(split);
  return statements;
}

const std::vector<Statement>& SectionStatements::all() const {
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
