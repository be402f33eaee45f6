#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/lint/lint_model.hpp"

namespace forge::core::lint {

/// A unit file's lines, to find what surrounds a statement: its column and the
/// `-- forge:lint-ignore CODE reason` comments written for it.
class SourceLines {
 public:
  /// `text` is the whole file, line endings normalised; `file` names it in positions.
  SourceLines(std::string file, std::string_view text);

  /// Where `statement_text`, which starts on `line`, starts: its column on that line (1 when
  /// its first characters are not found there).
  Position position_of(int line, std::string_view statement_text) const;
  /// The ignore comments on the comment lines right above `line`, and on `line` itself.
  std::vector<IgnoreDirective> ignores_for(int line) const;
  /// Every ignore comment in the file.
  std::vector<IgnoreDirective> all_ignores() const;

 private:
  std::vector<IgnoreDirective> ignores_on(int line) const;

  std::string m_file;
  std::vector<std::string> m_lines;
};

/// The ignore directives in `line` (`forge:lint-ignore CODE[,CODE...] reason`), at `position`.
std::vector<IgnoreDirective> parse_ignores(std::string_view line, const Position& position);

}  // namespace forge::core::lint
