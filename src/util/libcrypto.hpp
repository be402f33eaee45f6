#pragma once

namespace forge::util {

/// The function `name` of OpenSSL's libcrypto, which is loaded the first time something asks
/// (most runs hash nothing). Throws std::runtime_error naming the library and its Debian package
/// when it cannot be loaded or lacks `name`.
void* libcrypto_function(const char* name);

/// `function` set to libcrypto's function `name` (libcrypto_function), as its own pointer type.
template <typename Function>
void bind_libcrypto(const char* name, Function& function) {
  function = reinterpret_cast<Function>(libcrypto_function(name));
}

}  // namespace forge::util
