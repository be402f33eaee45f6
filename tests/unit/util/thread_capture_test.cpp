#include "util/thread_capture.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

#include "util/logging.hpp"
#include "util/shutdown.hpp"

namespace forge::util {
namespace {

TEST(ThreadCapture, KeepsWhatItsThreadPrintsAndLogsAndNoOtherThreads) {
  setup_logging(Verbosity::normal);
  ThreadCapture capture;
  write_output("one\n");
  log_warn("careful: {}", 7);
  log_debug("not at this verbosity");
  std::thread([] {
    EXPECT_EQ(ThreadCapture::current(), nullptr);
    ThreadCapture other;
    write_output("other\n");
  }).join();
  EXPECT_EQ(capture.output(), "one\n");
  ASSERT_EQ(capture.log().size(), 1u);
  EXPECT_EQ(capture.log()[0].first, LogLevel::warn);
  EXPECT_EQ(capture.log()[0].second, "careful: 7");
}

}  // namespace
}  // namespace forge::util
