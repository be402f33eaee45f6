#include "util/json_text.hpp"

#include <nlohmann/json.hpp>

namespace forge::util {

namespace {

// The dump escapes U+0000-U+001F only; DEL and the C1 controls (U+0080-U+009F) would reach a
// terminal raw. Outside strings a dump is ASCII without them, so escaping them anywhere is safe.
std::string escape_remaining_controls(const std::string& dumped) {
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(dumped.size());
  for (std::size_t i = 0; i < dumped.size(); ++i) {
    const auto byte = static_cast<unsigned char>(dumped[i]);
    const auto next = i + 1 < dumped.size() ? static_cast<unsigned char>(dumped[i + 1]) : 0;
    if (byte == 0x7f || (byte == 0xc2 && next >= 0x80 && next <= 0x9f)) {
      const unsigned code = byte == 0x7f ? byte : next;
      out += "\\u00";
      out += k_hex[code >> 4];
      out += k_hex[code & 15];
      if (byte == 0xc2) ++i;
    } else {
      out += dumped[i];
    }
  }
  return out;
}

}  // namespace

std::string json_text(const nlohmann::ordered_json& document, int indent) {
  return escape_remaining_controls(
      document.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace forge::util
