#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace forge::util {

/// `text` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);
/// ASCII lower-case copy of `text`.
std::string to_lower(std::string_view text);
/// True when `text` begins with `prefix`.
bool starts_with(std::string_view text, std::string_view prefix);
/// True when `text` ends with `suffix`.
bool ends_with(std::string_view text, std::string_view suffix);
/// True when `text` begins with `prefix`, ignoring ASCII case.
bool starts_with_nocase(std::string_view text, std::string_view prefix);
/// `text` with CRLF and lone CR turned into LF.
std::string normalize_newlines(std::string_view text);
/// `text` split at every `separator`; an empty input gives one empty piece.
std::vector<std::string> split(std::string_view text, char separator);
/// The pieces joined with `separator` between them.
std::string join(const std::vector<std::string>& pieces, std::string_view separator);
/// Number of '\n' in `text`.
int count_newlines(std::string_view text);
/// The decimal number right after the last `marker` in `text`; nullopt when there is none.
std::optional<int> number_after_last(std::string_view text, std::string_view marker);
/// True when `text` is non-empty and all ASCII digits.
bool is_digits(std::string_view text);

}  // namespace forge::util
