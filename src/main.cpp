#include "cli/app.hpp"
#include "util/shutdown.hpp"

int main(int argc, char** argv) {
  forge::util::install_shutdown_watch();  // before any other thread starts
  return forge::cli::run(argc, argv);
}
