#pragma once
#include <string>
#include <string_view>

namespace forge::util {

/// Remembers `secret` (a password, say) so that `redact` masks it from then on.
/// Empty or one-character secrets are ignored: masking them would garble ordinary text.
void register_secret(std::string_view secret);
/// `text` with every registered secret replaced by `***`. Thread-safe.
std::string redact(std::string_view text);

}  // namespace forge::util
