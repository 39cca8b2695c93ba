// JSON paths for reported problems.
#include "detail/json_path.hpp"

namespace pepite::detail {

namespace {

bool plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '$';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string path_key(std::string_view base, std::string_view key) {
  std::string out(base);
  if (plain_key(key)) {
    if (!out.empty()) out += '.';
    out += key;
    return out;
  }
  out += "[\"";
  for (char c : key) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += "\"]";
  return out;
}

std::string path_index(std::string_view base, std::size_t index) {
  std::string out(base);
  out += '[';
  out += std::to_string(index);
  out += ']';
  return out;
}

}  // namespace pepite::detail
