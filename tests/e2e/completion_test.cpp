// forge completion bash: the script, sourced in a real bash, completes commands and options.
#include <algorithm>
#include <regex>
#include <set>

#include "forge_test.hpp"

namespace forge::e2e {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
using ::testing::StartsWith;

// Asks the completion function registered for `forge` what it offers for `line` (the cursor at
// its end), the way bash calls it: COMP_LINE and COMP_POINT set, and $1 $2 $3 the command, the
// word under the cursor and the word before it as bash splits them (at COMP_WORDBREAKS too, so
// `forge db:mi` arrives as `forge`, `db`, `:`, `mi`). Prints COMPREPLY, one entry a line.
const char* k_driver = R"(set -u
source "$1"
function=$(complete -p forge | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$function" ] || { echo "no completion function registered for forge" >&2; exit 9; }
COMP_LINE=$2
COMP_POINT=${#COMP_LINE}
words=()
word=''
for ((i = 0; i < ${#COMP_LINE}; i++)); do
  c=${COMP_LINE:i:1}
  if [[ $c == [[:space:]] ]]; then
    [[ -n $word ]] && words+=("$word"); word=''
  elif [[ $COMP_WORDBREAKS == *"$c"* ]]; then
    [[ -n $word ]] && words+=("$word"); words+=("$c"); word=''
  else
    word+=$c
  fi
done
words+=("$word")
COMP_WORDS=("${words[@]}")
COMP_CWORD=$((${#words[@]} - 1))
COMPREPLY=()
"$function" forge "${words[COMP_CWORD]}" "${words[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
)";

class Completion : public ForgeTest {
 protected:
  void SetUp() override {
    const auto result = project.forge({"completion", "bash"});
    ASSERT_EQ(result.exit_code, 0) << result;
    project.write("forge-completion.bash", result.out);
    project.write("driver.bash", k_driver);
  }

  // COMPREPLY for `line`, sorted.
  std::vector<std::string> replies(const std::string& line) const {
    const auto result = run_process(
        {{"/bin/bash", "--norc", "--noprofile", "driver.bash", "forge-completion.bash", line},
         project.root(),
         {}});
    EXPECT_EQ(result.exit_code, 0) << result;
    EXPECT_EQ(result.err, "") << result;
    std::vector<std::string> out;
    for (const auto& reply : lines_of(result.out)) {
      if (!reply.empty()) out.push_back(reply);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The line as bash leaves it after one TAB: the part of the last word after its last break
  // character replaced by what every reply starts with, and a space after a single reply.
  std::string completed(const std::string& line) const {
    const auto reply = replies(line);
    if (reply.empty()) return line;
    std::string common = reply.front();
    for (const auto& r : reply) {
      common.resize(std::mismatch(common.begin(), common.end(), r.begin(), r.end()).first -
                    common.begin());
    }
    const auto start = line.find_last_of(" \t\n\"'@><=;|&(:") + 1;
    return line.substr(0, start) + common + (reply.size() == 1 ? " " : "");
  }
};

TEST_F(Completion, CompletesACommandHoldingColonsAsOneWord) {
  const auto offered = replies("forge db:mi");
  EXPECT_THAT(offered, IsSupersetOf({"migrate", "migrate:undo", "migrate:undo:all",
                                     "migrate:status", "migrate:resolve"}));
  EXPECT_THAT(offered, Each(StartsWith("migrate")));
  EXPECT_EQ(completed("forge db:mi"), "forge db:migrate");
}

TEST_F(Completion, CompletesAfterTheLastColonOfACommand) {
  EXPECT_THAT(replies("forge db:migrate:u"), ElementsAre("undo", "undo:all"));
  EXPECT_EQ(completed("forge db:migrate:u"), "forge db:migrate:undo");
  EXPECT_EQ(completed("forge db:migrate:st"), "forge db:migrate:status ");
}

TEST_F(Completion, CompletesTheOptionsOfTheCommandOnTheLine) {
  EXPECT_THAT(replies("forge db:migrate --dr"), ElementsAre("--dry-run"));
  EXPECT_EQ(completed("forge db:migrate --dr"), "forge db:migrate --dry-run ");
  EXPECT_THAT(replies("forge db:migrate:status --"),
              IsSupersetOf({"--json", "--help", "--url", "--env", "--wait", "--verbose"}));
  EXPECT_THAT(replies("forge db:migrate:status --"), Not(Contains("--dry-run")));
}

TEST_F(Completion, OffersEveryCommandTheHelpLists) {
  const auto help = project.forge({"--help"});
  ASSERT_EQ(help.exit_code, 0) << help;
  const auto offered = replies("forge ");
  const std::regex command_line(R"(^\s+([a-z][a-z:-]*)\s+\S.*$)");
  std::set<std::string> listed;
  for (const auto& line : lines_of(help.out)) {
    std::smatch match;
    if (std::regex_match(line, match, command_line)) listed.insert(match[1]);
  }
  ASSERT_THAT(listed, IsSupersetOf({"init", "db:migrate", "db:wait", "completion"})) << help;
  EXPECT_THAT(offered, IsSupersetOf(listed));
  EXPECT_THAT(offered, Contains("migration:create"));  // an alias
}

TEST_F(Completion, CompletesCommandsAfterAGlobalOptionAndItsValue) {
  EXPECT_EQ(completed("forge --url sqlite:db/x.sqlite3 db:migrate:un"),
            "forge --url sqlite:db/x.sqlite3 db:migrate:undo");
}

TEST_F(Completion, OffersTheChoicesOfAnOptionThatHasThem) {
  EXPECT_THAT(replies("forge migration:generate --format "), ElementsAre("json", "sql", "yaml"));
  EXPECT_EQ(completed("forge migration:create --format=y"),
            "forge migration:create --format=yaml ");
}

// The same through readline itself: an interactive bash on a pseudo-terminal (util-linux's
// `script`) where TAB is typed, and `forge` is a shell function that prints the words it got.
TEST_F(Completion, TabInAnInteractiveBashCompletesTheLine) {
  project.write("interactive.bash",
                "source ./forge-completion.bash\n"
                "forge() { printf 'ARGS:%s\\n' \"$*\"; }\n");
  // Typed ahead: the terminal keeps it until readline reads it.
  const std::string typed =
      R"(forge db:mi\t\nforge db:migrate:u\t\nforge db:migrate --dr\t\nexit\n)";
  const std::string shell = "bash --noprofile --rcfile interactive.bash -i";
  const auto result = run_process(
      {{"/bin/bash", "-c", "printf '" + typed + "' | script -qec '" + shell + "' /dev/null"},
       project.root(),
       {{"TERM", "dumb"}, {"INPUTRC", "/dev/null"}}});

  ASSERT_EQ(result.exit_code, 0) << result;
  std::vector<std::string> ran;
  for (auto line : lines_of(result.out)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto at = line.find("ARGS:");
    if (at != std::string::npos) ran.push_back(line.substr(at + 5));
  }
  EXPECT_THAT(ran, ElementsAre("db:migrate", "db:migrate:undo", "db:migrate --dry-run")) << result;
}

TEST_F(Completion, RefusesAShellItHasNoScriptFor) {
  const auto result = project.forge({"completion", "zsh"});
  EXPECT_EQ(result.exit_code, 2) << result;
  EXPECT_EQ(result.out, "");
}

TEST_F(Completion, ScriptSaysHowToLoadIt) {
  EXPECT_THAT(project.read("forge-completion.bash"), HasSubstr("source <(forge completion bash)"));
}

}  // namespace
}  // namespace forge::e2e
