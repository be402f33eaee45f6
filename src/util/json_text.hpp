#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace forge::util {

/// `document` as JSON text indented by `indent` spaces. Bytes that are not UTF-8 (a Latin-1
/// file name) come out as U+FFFD instead of throwing: Linux names are bytes, JSON is Unicode.
std::string json_text(const nlohmann::ordered_json& document, int indent = 2);

}  // namespace forge::util
