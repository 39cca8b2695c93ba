// Display conditions (`showIf`): parsing and validation against the survey's questions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "detail/def_context.hpp"

namespace pepite::detail {

/// Deepest nesting of `all`/`any` inside one `showIf` (`{"all":[{"any":[...]}]}` is 2).
inline constexpr int max_condition_nesting = 3;
/// Most children of one `all`/`any` and most values of one `in`.
inline constexpr std::size_t max_condition_items = 20;

/// Parses the `showIf` of `questions[self]` at `path`. A comparison may refer only to an earlier
/// question; values must fit its type (scores in range, known option ids). Returns nullopt, with
/// every problem reported, when the condition is unusable.
std::optional<condition> parse_condition(const def_json& node, const std::string& path,
                                         const std::vector<question>& questions, std::size_t self,
                                         def_report& report);

}  // namespace pepite::detail
