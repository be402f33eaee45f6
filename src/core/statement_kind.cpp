#include "core/statement_kind.hpp"

#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace forge::core {

namespace {
std::vector<std::string> leading_words(const std::string& text, std::size_t count) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (words.size() < count && pos < text.size()) {
    while (pos < text.size() && !std::isalpha(static_cast<unsigned char>(text[pos]))) {
      if (text[pos] != ' ' && text[pos] != '\t' && text[pos] != '\n' && text[pos] != '\r') {
        return words;  // punctuation ends the leading run of words
      }
      ++pos;
    }
    std::size_t end = pos;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    if (end == pos) break;
    words.push_back(util::to_lower(text.substr(pos, end - pos)));
    pos = end;
  }
  return words;
}
}  // namespace

bool is_transaction_control(const Statement& statement) {
  const auto words = leading_words(statement.text, 2);
  if (words.empty()) return false;
  const std::string& first = words[0];
  if (first == "commit" || first == "rollback" || first == "end") return true;
  if (first == "start") return words.size() > 1 && words[1] == "transaction";
  // BEGIN ATOMIC opens a function body, not a transaction.
  if (first == "begin") return words.size() < 2 || words[1] != "atomic";
  return false;
}

bool manages_own_transaction(const std::vector<Statement>& statements) {
  return std::any_of(statements.begin(), statements.end(), is_transaction_control);
}

}  // namespace forge::core
