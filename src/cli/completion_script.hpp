#pragma once
#include <string>
#include <vector>

namespace forge::cli {

/// One option as completion sees it: its spellings, and what may follow it.
struct CompletionOption {
  std::vector<std::string> names;    ///< `--dry-run`, `-v`, ...
  bool takes_value = false;          ///< the next word (or `--opt=...`) is its value
  std::vector<std::string> choices;  ///< the values it accepts, when it accepts only a few
};

/// One command: its name and aliases, and the options it accepts besides the global ones.
struct CompletionCommand {
  std::vector<std::string> names;
  std::vector<CompletionOption> options;
};

/// What the program accepts, read from its command-line definition.
struct CompletionTree {
  std::string program;                    ///< the command the script completes, e.g. `forge`
  std::vector<CompletionOption> globals;  ///< accepted before or after any command
  std::vector<CompletionCommand> commands;
};

/// A bash script that, once sourced, completes `tree.program`'s commands, options and option
/// choices. It needs no bash-completion package, and completes words holding `:` or `=` (which
/// bash splits at, see COMP_WORDBREAKS) as whole words: `db:mi` becomes `db:migrate`.
std::string bash_completion_script(const CompletionTree& tree);

}  // namespace forge::cli
