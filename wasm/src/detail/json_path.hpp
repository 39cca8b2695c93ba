// JSON paths for reported problems: `questions[1].options`, `thankYou.detractor.link.url`.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pepite::detail {

/// `base.key` (or `key` at the root). Keys that are not plain identifiers are written
/// `base["key"]` so that any path can be read back unambiguously.
std::string path_key(std::string_view base, std::string_view key);

/// `base[index]`.
std::string path_index(std::string_view base, std::size_t index);

}  // namespace pepite::detail
