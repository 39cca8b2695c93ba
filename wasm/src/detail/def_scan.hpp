// Pre-scan of raw JSON text, before parsing: nesting depth (hostile input such as 100000 nested
// `[` is refused without building, then recursively destroying, a deep tree) and the widest
// object (an ordered object finds keys by linear search: a 60 KB object would parse in
// quadratic time).
#pragma once

#include <cstddef>
#include <string_view>

namespace pepite::detail {

struct text_shape {
  int depth = 0;            ///< deepest nesting of `[`/`{` outside strings
  std::size_t members = 0;  ///< most members of one object
};

/// Measures `text`; stops early, with `depth > depth_limit` or `members > member_limit`, as soon
/// as a limit is exceeded. Unbalanced or invalid text is left to the parser.
text_shape scan_shape(std::string_view text, int depth_limit, std::size_t member_limit);

}  // namespace pepite::detail
