#pragma once

// Work a thread may still be doing when the process ends: a database session opened ahead of
// unit files that then failed to load is left to finish, not waited for (the server may be
// booting, or may never answer). Ending the process the usual way would run the static
// destructors of the libraries that thread is inside (OpenSSL's, the client library's), so
// main ends it at once instead.
namespace forge::util {

/// While alive, the calling thread's work counts as running.
class BackgroundWork {
 public:
  BackgroundWork() noexcept;
  ~BackgroundWork();
  BackgroundWork(const BackgroundWork&) = delete;
  BackgroundWork& operator=(const BackgroundWork&) = delete;
};

/// True while any BackgroundWork is alive.
bool background_work_running() noexcept;

/// For main's return: `code`, or, while background work still runs, stdout and stderr flushed
/// and the process ended with `code` at once (no static destructors, no atexit handlers).
int exit_code_after_background_work(int code);

}  // namespace forge::util
