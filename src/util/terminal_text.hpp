#pragma once
#include <string>
#include <string_view>

namespace forge::util {

/// `text` safe to write to a terminal: control characters other than newline and tab (ESC, CR,
/// BEL, backspace, DEL, the C1 controls U+0080-U+009F, and bytes 0x80-0x9f that are not UTF-8)
/// shown as `\x1b` or `\u009b`, so a file name or URL cannot move the cursor, recolour, retitle or
/// rewrite what forge printed.
std::string printable(std::string_view text);

}  // namespace forge::util
