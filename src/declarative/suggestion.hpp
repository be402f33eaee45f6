#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace forge::declarative {

/// ` (did you mean 'allowNull'?)` for the candidate nearest to `word` (ignoring case, at most a
/// few edits away); empty when none is near.
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& candidates);

/// The candidates quoted and joined: `'a', 'b', 'c'`.
std::string quoted_list(const std::vector<std::string_view>& candidates);

}  // namespace forge::declarative
