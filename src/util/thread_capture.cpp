#include "util/thread_capture.hpp"

#include <iostream>

namespace forge::util {

namespace {
thread_local ThreadCapture* t_capture = nullptr;
}  // namespace

ThreadCapture::ThreadCapture() { t_capture = this; }

ThreadCapture::~ThreadCapture() { t_capture = nullptr; }

ThreadCapture* ThreadCapture::current() noexcept { return t_capture; }

void write_output(std::string_view text) {
  if (t_capture != nullptr) {
    t_capture->add_output(text);
    return;
  }
  std::cout << text << std::flush;
}

}  // namespace forge::util
