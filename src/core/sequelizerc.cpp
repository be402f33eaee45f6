#include "core/sequelizerc.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/errors.hpp"
#include "util/files.hpp"

namespace forge::core {

namespace fs = std::filesystem;

namespace {

// One token of the literal forms: a quoted string (unquoted), a name (`path.resolve`,
// `__dirname`, `module.exports`), or one punctuation character.
struct Token {
  enum class Kind { string, name, punct, end } kind = Kind::end;
  std::string text;
};

// Splits `text` into tokens, skipping white space and comments; nullopt at anything the
// literal forms do not use (template strings, regular expressions, ...).
std::optional<std::vector<Token>> tokenize(const std::string& text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) i = text.size();
    } else if (text.compare(i, 2, "/*") == 0) {
      const auto end = text.find("*/", i + 2);
      if (end == std::string::npos) return std::nullopt;
      i = end + 2;
    } else if (c == '\'' || c == '"') {
      std::string value;
      std::size_t j = i + 1;
      for (; j < text.size() && text[j] != c; ++j) {
        if (text[j] == '\\' || text[j] == '\n') return std::nullopt;  // escapes: leave to Node
        value += text[j];
      }
      if (j >= text.size()) return std::nullopt;
      tokens.push_back({Token::Kind::string, value});
      i = j + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
      std::size_t j = i;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) ||
                                 text[j] == '_' || text[j] == '$' || text[j] == '.')) {
        ++j;
      }
      tokens.push_back({Token::Kind::name, text.substr(i, j - i)});
      i = j;
    } else if (std::string_view("{}:,();=").find(c) != std::string_view::npos) {
      tokens.push_back({Token::Kind::punct, std::string(1, c)});
      ++i;
    } else {
      return std::nullopt;
    }
  }
  tokens.push_back({});
  return tokens;
}

// Reads the token list as the literal forms; each method returns false at anything else.
class LiteralReader {
 public:
  LiteralReader(std::vector<Token> tokens, fs::path folder)
      : m_tokens(std::move(tokens)), m_folder(std::move(folder)) {}

  std::optional<SequelizeRc> read() {
    if (!preamble() || !object()) return std::nullopt;
    accept(";");
    if (peek().kind != Token::Kind::end) return std::nullopt;
    return m_result;
  }

 private:
  const Token& peek() const { return m_tokens[m_at]; }
  bool accept(const std::string& punct) {
    if (peek().kind != Token::Kind::punct || peek().text != punct) return false;
    ++m_at;
    return true;
  }
  bool accept_name(const std::string& name) {
    if (peek().kind != Token::Kind::name || peek().text != name) return false;
    ++m_at;
    return true;
  }

  // 'use strict'; const path = require('path'); module.exports =   -- or a JSON object alone.
  bool preamble() {
    for (;;) {
      if (peek().kind == Token::Kind::string && peek().text == "use strict") {
        ++m_at;
        accept(";");
      } else if (accept_name("const") || accept_name("var") || accept_name("let")) {
        if (!accept_name("path") || !accept("=") || !accept_name("require") || !accept("(") ||
            peek().text != "path" || peek().kind != Token::Kind::string) {
          return false;
        }
        ++m_at;
        if (!accept(")")) return false;
        accept(";");
      } else if (accept_name("module.exports")) {
        return accept("=");
      } else {
        return peek().kind == Token::Kind::punct && peek().text == "{";
      }
    }
  }

  bool object() {
    if (!accept("{")) return false;
    while (!accept("}")) {
      if (peek().kind != Token::Kind::string && peek().kind != Token::Kind::name) return false;
      const std::string key = peek().text;
      ++m_at;
      std::string value;
      if (!accept(":") || !expression(value)) return false;
      m_result[key] = value;
      if (!accept(",")) return accept("}");
    }
    return true;
  }

  // A string, __dirname, process.cwd(), or path.resolve / path.join of those.
  bool expression(std::string& value) {
    if (peek().kind == Token::Kind::string) {
      value = peek().text;
      ++m_at;
      return true;
    }
    if (accept_name("__dirname")) {
      value = m_folder.string();
      return true;
    }
    if (accept_name("process.cwd")) {
      value = m_folder.string();
      return accept("(") && accept(")");
    }
    const bool resolve = accept_name("path.resolve");
    if (!resolve && !accept_name("path.join")) return false;
    if (!accept("(")) return false;
    fs::path joined = resolve ? m_folder : fs::path();
    bool first = true;
    while (!accept(")")) {
      if (!first && !accept(",")) return false;
      if (!first && accept(")")) break;
      std::string part;
      if (!expression(part)) return false;
      joined = first && !resolve ? fs::path(part) : joined / part;  // an absolute part restarts
      first = false;
    }
    value =
        (joined.is_relative() && !resolve ? m_folder / joined : joined).lexically_normal().string();
    return true;
  }

  std::vector<Token> m_tokens;
  fs::path m_folder;
  std::size_t m_at = 0;
  SequelizeRc m_result;
};

// The exported object (JSON text from Node) as text values; numbers and booleans as written.
SequelizeRc from_json(const std::string& json_text, const fs::path& file) {
  const auto document = nlohmann::json::parse(json_text, nullptr, false);
  if (!document.is_object()) {
    throw ConfigError(file.string() + " does not export an object",
                      "Export the options as module.exports = { 'migrations-path': ... }.");
  }
  SequelizeRc options;
  for (const auto& [key, value] : document.items()) {
    options[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return options;
}

}  // namespace

std::optional<SequelizeRc> read_sequelizerc_literally(const std::string& text,
                                                      const fs::path& folder) {
  auto tokens = tokenize(text);
  if (!tokens) return std::nullopt;
  return LiteralReader(std::move(*tokens), folder).read();
}

SequelizeRc read_sequelizerc(const fs::path& file, const EvaluateModule& evaluate) {
  if (evaluate) {
    if (auto exported = evaluate(file)) return from_json(*exported, file);
  }
  std::string text;
  try {
    text = util::read_file(file, std::size_t(1) << 20);
  } catch (const std::exception& e) {
    throw ConfigError(e.what(), "Check the file's permissions.");
  }
  if (auto options = read_sequelizerc_literally(text, file.parent_path())) return *options;
  throw ConfigError(file.string() +
                        " computes its options in JavaScript, and no Node was found "
                        "to run it",
                    "Install Node (18 or newer) or set FORGE_NODE to it; or write the options as "
                    "strings and path.resolve('a', 'b') calls.");
}

}  // namespace forge::core
