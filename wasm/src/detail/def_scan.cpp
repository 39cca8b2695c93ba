// Pre-scan of raw JSON text: nesting depth and widest object (no recursion, no allocation).
#include "detail/def_scan.hpp"

namespace pepite::detail {

namespace {

/// Frames deeper than this are not tracked for member counts (the depth limit stops first).
constexpr int max_tracked = 64;

}  // namespace

text_shape scan_shape(std::string_view text, int depth_limit, std::size_t member_limit) {
  text_shape shape;
  bool is_object[max_tracked + 1] = {};
  std::size_t commas[max_tracked + 1] = {};  // an object with n commas has n + 1 members
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      if (depth > 0 && depth <= max_tracked && is_object[depth] && shape.members == 0) {
        shape.members = 1;
      }
    } else if (c == '[' || c == '{') {
      ++depth;
      if (depth > shape.depth) shape.depth = depth;
      if (shape.depth > depth_limit) return shape;
      if (depth <= max_tracked) {
        is_object[depth] = c == '{';
        commas[depth] = 0;
      }
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    } else if (c == ',' && depth > 0 && depth <= max_tracked && is_object[depth]) {
      const std::size_t members = ++commas[depth] + 1;
      if (members > shape.members) shape.members = members;
      if (shape.members > member_limit) return shape;
    }
  }
  return shape;
}

}  // namespace pepite::detail
