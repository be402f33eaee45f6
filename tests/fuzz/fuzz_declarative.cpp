// libFuzzer target: the declarative (YAML / JSON) unit loader on arbitrary text, then what
// forge does with a loaded unit that has no down list (derive_down, describe). A
// MigrationFileError (file:line:column) is an expected answer.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/errors.hpp"
#include "declarative/inverse.hpp"
#include "declarative/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto unit = forge::declarative::load_declarative(text, "fuzz.yaml");
    const auto derived = forge::declarative::derive_down(unit.up);
    if (derived.irreversible) (void)forge::declarative::describe(*derived.irreversible);
  } catch (const forge::Error&) {
    // Expected for a malformed unit; the CLI prints it and exits 2.
  }
  return 0;
}
