#include "cli/app.hpp"
#include "util/background_work.hpp"
#include "util/shutdown.hpp"
#include "util/standard_streams.hpp"

int main(int argc, char** argv) {
  forge::util::open_standard_streams();   // before any file or socket is opened
  forge::util::install_shutdown_watch();  // before any other thread starts
  // A session opened ahead for units that failed to load may still be connecting.
  return forge::util::exit_code_after_background_work(forge::cli::run(argc, argv));
}
