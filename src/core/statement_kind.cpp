#include "core/statement_kind.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "util/strings.hpp"

namespace forge::core {

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The first `count` words of `text`, lower-cased. With `stop_at_punctuation`, a character that
// is neither blank nor part of a word ends the run; otherwise it is skipped.
std::vector<std::string> leading_words(const std::string& text, std::size_t count,
                                       bool stop_at_punctuation = true) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (words.size() < count && pos < text.size()) {
    while (pos < text.size() && !std::isalpha(static_cast<unsigned char>(text[pos]))) {
      if (stop_at_punctuation && !is_blank(text[pos])) return words;
      ++pos;
    }
    std::size_t end = pos;
    while (end < text.size() &&
           (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) {
      ++end;
    }
    if (end == pos) break;
    words.push_back(util::to_lower(text.substr(pos, end - pos)));
    pos = end;
  }
  return words;
}

// The first letter of leading_words' first word, lower-cased ('\0' when there is none): a
// statement whose first word cannot be a wanted one is told apart without reading its words
// (a data unit of a million INSERTs goes through these tests once each).
char first_letter(const std::string& text, bool stop_at_punctuation) {
  for (const char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (stop_at_punctuation && !is_blank(c)) return '\0';
  }
  return '\0';
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Where `word` (lower-case) is in `text` from `from` on, whatever its case; npos when not.
std::size_t find_nocase(const std::string& text, std::string_view word, std::size_t from) {
  for (std::size_t at = from; at + word.size() <= text.size(); ++at) {
    std::size_t k = 0;
    while (k < word.size() && std::tolower(static_cast<unsigned char>(text[at + k])) == word[k]) {
      ++k;
    }
    if (k == word.size()) return at;
  }
  return std::string::npos;
}

bool starts_with_one_of(const std::string& text, std::string_view letters,
                        bool stop_at_punctuation) {
  const char letter = first_letter(text, stop_at_punctuation);
  return letter != '\0' && letters.find(letter) != std::string_view::npos;
}
}  // namespace

bool is_transaction_control(const Statement& statement) {
  if (!starts_with_one_of(statement.text, "bcers", true)) return false;
  const auto words = leading_words(statement.text, 2);
  if (words.empty()) return false;
  const std::string& first = words[0];
  if (first == "commit" || first == "rollback" || first == "end") return true;
  if (first == "start") return words.size() > 1 && words[1] == "transaction";
  // BEGIN ATOMIC opens a function body, not a transaction.
  if (first == "begin") return words.size() < 2 || words[1] != "atomic";
  return false;
}

bool is_literal_insert(const Statement& statement) {
  if (!starts_with_one_of(statement.text, "ir", true)) return false;
  const auto words = leading_words(statement.text, 1);
  if (words.empty() || (words[0] != "insert" && words[0] != "replace")) return false;
  const std::string& text = statement.text;
  for (std::size_t at = 0; (at = find_nocase(text, "select", at)) != std::string::npos; ++at) {
    const bool word_start = at == 0 || !is_word_char(text[at - 1]);
    const bool word_end = at + 6 == text.size() || !is_word_char(text[at + 6]);
    if (word_start && word_end) return false;
  }
  return true;
}

bool is_session_setting(const Statement& statement) {
  const auto words = leading_words(statement.text, 2);
  if (words.empty()) return false;
  if (words[0] == "use") return true;
  if (words[0] != "set") return false;
  const std::string second = words.size() > 1 ? words[1] : "";
  for (const char* excluded :
       {"global", "persist", "persist_only", "local", "transaction", "constraints", "password"}) {
    if (second == excluded) return false;
  }
  return true;
}

bool manages_own_transaction(const std::vector<Statement>& statements) {
  return std::any_of(statements.begin(), statements.end(), is_transaction_control);
}

bool refuses_transaction(const Statement& statement, Dialect dialect) {
  if (dialect == Dialect::mysql) return false;  // MySQL never runs DDL in a transaction anyway
  if (!starts_with_one_of(statement.text, "acdrv", false)) return false;
  const auto words = leading_words(statement.text, 6, false);
  auto word = [&](std::size_t i) { return i < words.size() ? words[i] : std::string(); };
  if (word(0) == "vacuum") return true;
  if (dialect != Dialect::postgres) return false;
  const bool concurrently = std::find(words.begin(), words.end(), "concurrently") != words.end();
  if (word(0) == "reindex" || (word(0) == "create" && (word(1) == "index" || word(2) == "index"))) {
    return concurrently;
  }
  if (word(0) == "drop" && word(1) == "index") return concurrently;
  if ((word(0) == "create" || word(0) == "drop") &&
      (word(1) == "database" || word(1) == "tablespace")) {
    return true;
  }
  return word(0) == "alter" && word(1) == "system";
}

const Statement* first_refusing_transaction(const std::vector<Statement>& statements,
                                            Dialect dialect) {
  for (const auto& statement : statements) {
    if (refuses_transaction(statement, dialect)) return &statement;
  }
  return nullptr;
}

bool only_reads(const Statement& statement) {
  const auto words = leading_words(statement.text, 1);
  if (words.empty()) return false;
  const std::string& first = words[0];
  if (first == "pragma") return statement.text.find('=') == std::string::npos;
  // SELECT ... INTO and SELECT ... FOR UPDATE are left to a real run.
  if (first == "select" || first == "values") {
    const std::string lower = util::to_lower(statement.text);
    return lower.find(" into ") == std::string::npos &&
           lower.find(" for update") == std::string::npos;
  }
  return first == "show" || first == "describe" || first == "desc";
}

}  // namespace forge::core
