#include "core/lint/source_lines.hpp"

#include "util/strings.hpp"

namespace forge::core::lint {

namespace {

constexpr std::string_view k_marker = "forge:lint-ignore";

bool is_comment_line(std::string_view line) {
  const std::string_view text = util::trim(line);
  return util::starts_with(text, "--") || util::starts_with(text, "#") ||
         util::starts_with(text, "/*");
}

std::string_view first_line_of(std::string_view text) {
  return text.substr(0, std::min(text.find('\n'), text.size()));
}

}  // namespace

std::vector<IgnoreDirective> parse_ignores(std::string_view line, const Position& position) {
  const auto at = line.find(k_marker);
  if (at == std::string_view::npos) return {};
  std::string_view rest = util::trim(line.substr(at + k_marker.size()));
  if (util::ends_with(rest, "*/")) rest = util::trim(rest.substr(0, rest.size() - 2));
  const auto space = std::min(rest.find_first_of(" \t"), rest.size());
  const std::string reason(util::trim(rest.substr(space)));
  Position where = position;
  const auto dashes = line.rfind("--", at);
  where.column = static_cast<int>((dashes == std::string_view::npos ? at : dashes) + 1);
  std::vector<IgnoreDirective> directives;
  for (const std::string& code : util::split(rest.substr(0, space), ',')) {
    if (!code.empty()) directives.push_back({code, reason, where});
  }
  return directives;
}

SourceLines::SourceLines(std::string file, std::string_view text)
    : m_file(std::move(file)), m_lines(util::split(text, '\n')) {}

Position SourceLines::position_of(int line, std::string_view statement_text) const {
  Position position{m_file, line, 1};
  if (line < 1 || line > static_cast<int>(m_lines.size())) return position;
  const std::string_view start = util::trim(first_line_of(statement_text));
  if (start.empty()) return position;
  const auto at = m_lines[static_cast<std::size_t>(line - 1)].find(start);
  if (at != std::string::npos) position.column = static_cast<int>(at) + 1;
  return position;
}

std::vector<IgnoreDirective> SourceLines::ignores_on(int line) const {
  if (line < 1 || line > static_cast<int>(m_lines.size())) return {};
  return parse_ignores(m_lines[static_cast<std::size_t>(line - 1)], Position{m_file, line, 1});
}

std::vector<IgnoreDirective> SourceLines::ignores_for(int line) const {
  std::vector<IgnoreDirective> found = ignores_on(line);
  for (int above = line - 1;
       above >= 1 && is_comment_line(m_lines[static_cast<std::size_t>(above - 1)]); --above) {
    for (IgnoreDirective& directive : ignores_on(above)) found.push_back(std::move(directive));
  }
  return found;
}

std::vector<IgnoreDirective> SourceLines::all_ignores() const {
  std::vector<IgnoreDirective> found;
  for (int line = 1; line <= static_cast<int>(m_lines.size()); ++line) {
    for (IgnoreDirective& directive : ignores_on(line)) found.push_back(std::move(directive));
  }
  return found;
}

}  // namespace forge::core::lint
