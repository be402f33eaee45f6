#include "util/terminal_text.hpp"

namespace forge::util {

namespace {

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
  static const char* k_hex = "0123456789abcdef";
  out += prefix;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += k_hex[(value >> shift) & 15];
}

// The length of the well-formed UTF-8 sequence at `at` (its code point in `code`), or 0.
std::size_t utf8_length(std::string_view text, std::size_t at, unsigned& code) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (lead >= 0xf5 || length == 0 || at + length > text.size()) return 0;
  code = lead & (0x7f >> length);
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[at + i]);
    if ((byte & 0xc0) != 0x80) return 0;
    code = (code << 6) | (byte & 0x3f);
  }
  const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  return overlong || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0 : length;
}

// True when no byte of `text` needs escaping: plain ASCII text, tabs and newlines.
bool plain_ascii(std::string_view text) {
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte >= 0x7f) return false;
  }
  return true;
}

}  // namespace

std::string printable(std::string_view text) {
  if (plain_ascii(text)) return std::string(text);  // most text: one look, one copy
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) {
        append_hex(out, "\\x", byte, 2);
      } else {
        out += text[i];
      }
      ++i;
      continue;
    }
    unsigned code = 0;
    const std::size_t length = utf8_length(text, i, code);
    if (length == 0) {  // not UTF-8 (Latin-1, say): 0x80-0x9f are C1 controls there, 0x9b is CSI
      if (byte <= 0x9f) {
        append_hex(out, "\\x", byte, 2);
      } else {
        out += text[i];
      }
      ++i;
    } else if (code <= 0x9f) {  // the C1 controls
      append_hex(out, "\\u", code, 4);
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace forge::util
