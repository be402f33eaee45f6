#include "cli/app.hpp"
#include "util/shutdown.hpp"
#include "util/standard_streams.hpp"

int main(int argc, char** argv) {
  forge::util::open_standard_streams();   // before any file or socket is opened
  forge::util::install_shutdown_watch();  // before any other thread starts
  return forge::cli::run(argc, argv);
}
