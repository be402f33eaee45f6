#include "util/redaction.hpp"

#include <cctype>

namespace forge::util {

namespace {

const std::string k_mask = "***";

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool is_key_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

bool ends_with(const std::string& text, std::string_view tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// In `url` (the part after `scheme:`), the user info's password: from the first `:` to the
// last `@`, when the first `@` does not come before that `:` (then there is no password).
std::string mask_user_info(std::string url) {
  std::size_t start = url.compare(0, 2, "//") == 0 ? 2 : 0;
  const auto colon = url.find(':', start);
  const auto first_at = url.find('@', start);
  const auto last_at = url.rfind('@');
  if (colon == std::string::npos || first_at == std::string::npos || first_at < colon) return url;
  return url.replace(colon + 1, last_at - colon - 1, k_mask);
}

// The start of the URL scheme that ends at `colon` in `text`, or npos when none does.
std::size_t scheme_start(const std::string& text, std::size_t colon) {
  std::size_t start = colon;
  while (start > 0) {
    const char c = text[start - 1];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-')) break;
    --start;
  }
  if (start == colon || !std::isalpha(static_cast<unsigned char>(text[start]))) {
    return std::string::npos;
  }
  return start;
}

// Every `scheme://...` in `text`, up to the next white space, with its user info masked.
std::string mask_urls(std::string text) {
  for (auto found = text.find("://"); found != std::string::npos;
       found = text.find("://", found + 3)) {
    if (scheme_start(text, found) == std::string::npos) continue;
    std::size_t end = found + 1;
    while (end < text.size() && !is_space(text[end])) ++end;
    const std::string masked = mask_user_info(text.substr(found + 1, end - found - 1));
    text.replace(found + 1, end - found - 1, masked);
  }
  return text;
}

// The end of a value that starts at `at`: a quoted one ends after its closing quote; a bare
// one at white space or at one of `stops`.
std::size_t value_end(const std::string& text, std::size_t at, std::string_view stops) {
  if (at < text.size() && (text[at] == '\'' || text[at] == '"')) {
    const char quote = text[at];
    for (std::size_t i = at + 1; i < text.size(); ++i) {
      if (text[i] == '\\')
        ++i;
      else if (text[i] == quote)
        return i + 1;
    }
    return text.size();
  }
  std::size_t end = at;
  while (end < text.size() && !is_space(text[end]) && stops.find(text[end]) == std::string::npos) {
    ++end;
  }
  return end;
}

// Every `key=value` (URL query, conninfo, environment) and `"key": value` (JSON) whose key is
// password-like, with the value masked.
std::string mask_password_values(std::string text) {
  // Every value it masks follows a `=` or a `"`: text with neither (most) is looked at no more.
  if (text.find('=') == std::string::npos && text.find('"') == std::string::npos) return text;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool quoted_key = text[i] == '"';
    const std::size_t key_end = quoted_key ? i : (text[i] == '=' ? i : std::string::npos);
    if (key_end == std::string::npos || key_end == 0) continue;
    std::size_t key_start = key_end;
    while (key_start > 0 && is_key_char(text[key_start - 1])) --key_start;
    if (key_start == key_end || !is_password_key(text.substr(key_start, key_end - key_start))) {
      continue;
    }
    std::size_t value = key_end + 1;
    if (quoted_key) {  // "password": "..." -- the key must have opened with a quote too
      if (key_start == 0 || text[key_start - 1] != '"') continue;
      while (value < text.size() && text[value] == ' ') ++value;
      if (value >= text.size() || (text[value] != ':' && text[value] != '=')) continue;
      ++value;
    }
    while (value < text.size() && text[value] == ' ') ++value;
    const std::size_t end = value_end(text, value, quoted_key ? ",}" : "&;,)");
    if (end == value) continue;
    const bool quotes = text[value] == '\'' || text[value] == '"';
    const std::string masked = quotes ? text[value] + k_mask + text[value] : k_mask;
    text.replace(value, end - value, masked);
    i = value + masked.size() - 1;
  }
  return text;
}

}  // namespace

bool is_password_key(std::string_view key) {
  std::string lower;
  for (char c : key) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ends_with(lower, "password") || ends_with(lower, "passwd") || ends_with(lower, "pwd") ||
         lower == "pass";
}

std::string redact(std::string_view text) {
  return mask_password_values(mask_urls(std::string(text)));
}

std::string redact_url(std::string_view text) {
  std::string out(text);
  const auto colon = out.find(':');
  if (colon != std::string::npos && scheme_start(out, colon) == 0) {
    out = out.substr(0, colon + 1) + mask_user_info(out.substr(colon + 1));
  }
  return mask_password_values(out);
}

}  // namespace forge::util
