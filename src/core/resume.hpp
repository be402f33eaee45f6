#pragma once
#include <cstddef>
#include <string>

#include "core/catalog.hpp"
#include "core/errors.hpp"

namespace forge::core {

/// For a unit that failed part-way: the index of the statement to resume at, when the
/// statements that took effect are unchanged in the file. Throws RefusedError saying what to
/// check and how to continue otherwise (changed statements, or the file is gone).
std::size_t resume_point(const Entry& failed);
/// The same for a unit whose down stopped part-way: the index of the down's statement to
/// resume at.
std::size_t revert_point(const Entry& reverting);

/// The RefusedError for a failed unit that cannot be taken further; `why` ends the first line.
RefusedError refuse_failed_unit(const Entry& failed, const std::string& why);

/// "statements 1-2 (lines 3, 8)": what took effect before a failure, for messages.
std::string describe_done(const Section& section, std::size_t done);

}  // namespace forge::core
