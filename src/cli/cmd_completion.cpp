#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/completion_script.hpp"

namespace forge::cli {

namespace {

// The values a validator lists in its description, as CLI11 writes it into the type name:
// `TEXT:{sql,yaml,json}` for IsMember, `ENUM:value in {sql->0,yaml->1} OR {0,1}` for a
// CheckedTransformer. Only the first list counts, and only each item's key.
std::vector<std::string> choices_of(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const auto open = type.find('{');
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> choices;
  std::stringstream items(type.substr(open + 1, close - open - 1));
  for (std::string item; std::getline(items, item, ',');) {
    item = item.substr(0, item.find("->"));
    if (!item.empty()) choices.push_back(item);
  }
  return choices;
}

CompletionOption completion_option(const CLI::Option& option) {
  CompletionOption out;
  for (const auto& name : option.get_lnames()) out.names.push_back("--" + name);
  for (const auto& name : option.get_snames()) out.names.push_back("-" + name);
  out.takes_value = option.get_items_expected_max() != 0;  // a flag expects none
  if (out.takes_value) out.choices = choices_of(option);
  return out;
}

// Named options only: a positional argument has no spelling to complete.
std::vector<CompletionOption> completion_options(const CLI::App& app, const CLI::Option* skip1,
                                                 const CLI::Option* skip2) {
  std::vector<CompletionOption> out;
  for (const CLI::Option* option : app.get_options()) {
    if (option == skip1 || option == skip2 || option->get_group().empty()) continue;
    CompletionOption converted = completion_option(*option);
    if (!converted.names.empty()) out.push_back(std::move(converted));
  }
  return out;
}

CompletionCommand completion_command(const CLI::App& command) {
  CompletionCommand out;
  out.names.push_back(command.get_name());
  for (const auto& alias : command.get_aliases()) out.names.push_back(alias);
  out.options = completion_options(command, nullptr, nullptr);
  return out;
}

// Read from the app at run time, so a new command or option is completed without more code.
CompletionTree completion_tree(const CLI::App& app) {
  CompletionTree tree;
  tree.program = app.get_name();
  // --help and --version are offered only before a command.
  tree.globals = completion_options(app, app.get_help_ptr(), app.get_version_ptr());
  const auto visible = [](const CLI::App* command) { return !command->get_group().empty(); };
  for (const CLI::App* command : app.get_subcommands(visible)) {
    tree.commands.push_back(completion_command(*command));
  }
  return tree;
}

}  // namespace

void add_completion_command(CLI::App& app, const GlobalOptions&, Action& chosen) {
  auto* command = app.add_subcommand(
      "completion", "Print a shell completion script: source <(forge completion bash)");
  auto shell = std::make_shared<std::string>("bash");
  command->add_option("shell", *shell, "The shell (only bash for now)")
      ->check(CLI::IsMember({"bash"}));
  command->callback([&app, &chosen, shell] {
    chosen = [&app] { std::cout << bash_completion_script(completion_tree(app)); };
  });
}

}  // namespace forge::cli
