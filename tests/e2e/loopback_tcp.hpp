#pragma once

namespace forge::e2e {

/// A socket bound to a port on 127.0.0.1.
struct BoundSocket {
  int fd = -1;  ///< -1 when binding failed (errno says why)
  int port = 0;
};

/// A TCP socket bound to 127.0.0.1:`port` (0: any free port) with SO_REUSEADDR, not yet
/// listening, so the kernel refuses connections to it until listen().
BoundSocket bind_loopback(int port);

/// A TCP connection to 127.0.0.1:`port`; -1 when it cannot be made.
int connect_loopback(int port);

/// Copies what is readable on `from` to `to`; false at end of stream or on error.
bool pump(int from, int to);

}  // namespace forge::e2e
