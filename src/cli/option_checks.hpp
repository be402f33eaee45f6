#pragma once

namespace CLI {
class Validator;
}

namespace forge::cli {

/// A number of seconds from 0 to util::k_max_seconds; NaN, infinity and 1e308 are refused with
/// a message that names the range, before they could overflow a wait.
const CLI::Validator& seconds_option();

/// A whole number from 1 to 1,000,000 (a statement's or a step's count).
const CLI::Validator& count_option();

}  // namespace forge::cli
