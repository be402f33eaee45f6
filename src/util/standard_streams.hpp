#pragma once

// A process started with stdin, stdout or stderr closed (`forge db:migrate >&-`) would hand
// that descriptor to the next file it opens: the database socket, which would then receive
// forge's progress lines. And a write to a pipe whose reader left would end the process with
// SIGPIPE in the middle of a unit.
namespace forge::util {

/// Opens /dev/null on whichever of descriptors 0, 1 and 2 is closed, and makes a write to a
/// closed pipe fail with EPIPE instead of killing the process. Call first thing in main().
void open_standard_streams() noexcept;

/// Flushes standard output; true when every write to it so far has succeeded (false after a
/// full disk, a closed pipe, /dev/full).
bool standard_output_written() noexcept;

}  // namespace forge::util
