// The core's JSON writer (see json_write.hpp).
#include "detail/json_write.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

#include "detail/text_utf8.hpp"

namespace pepite::detail {

namespace {

using json = nlohmann::ordered_json;

void write_unsigned(std::string& out, std::uint64_t v) {
  char buf[20];
  std::size_t n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out += buf[--n];
}

void write_string(std::string& out, const std::string& s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      // Valid sequences are copied; a byte that starts none becomes U+FFFD.
      const utf8_char u = utf8_at_slow(s.data(), s.size(), i);
      if (u.len < 2) {
        utf8_append(out, 0xFFFD);
        ++i;
      } else {
        out.append(s, i, u.len);
        i += u.len;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write(std::string& out, const json& v) {
  switch (v.type()) {
    case json::value_t::null:
    case json::value_t::discarded:
    case json::value_t::binary:
      out += "null";
      return;
    case json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case json::value_t::number_unsigned:
      write_unsigned(out, v.get<std::uint64_t>());
      return;
    case json::value_t::number_integer: {
      const auto n = v.get<std::int64_t>();
      if (n < 0) {
        out += '-';
        write_unsigned(out, ~static_cast<std::uint64_t>(n) + 1);
      } else {
        write_unsigned(out, static_cast<std::uint64_t>(n));
      }
      return;
    }
    case json::value_t::number_float: {
      const double d = v.get<double>();
      if (!std::isfinite(d)) {
        out += "null";
        return;
      }
      // nlohmann's shortest round-trip formatting (Grisu2), as its serializer uses.
      std::array<char, 64> buf{};
      char* end = nlohmann::detail::to_chars(buf.data(), buf.data() + buf.size(), d);
      out.append(buf.data(), static_cast<std::size_t>(end - buf.data()));
      return;
    }
    case json::value_t::string:
      write_string(out, v.get_ref<const std::string&>());
      return;
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ',';
        first = false;
        write(out, item);
      }
      out += ']';
      return;
    }
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        write_string(out, it.key());
        out += ':';
        write(out, it.value());
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string write_json(const nlohmann::ordered_json& value) {
  std::string out;
  write(out, value);
  return out;
}

#ifndef __EMSCRIPTEN__
// Native only (pepite-check, the collector): the shopper's wasm computes no definition hash.
namespace {

/// `value` with the members of every object in byte order of their names.
json sorted_copy(const json& value) {
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(sorted_copy(item));
    return out;
  }
  if (!value.is_object()) return value;
  std::vector<std::string> names;
  for (auto it = value.begin(); it != value.end(); ++it) names.push_back(it.key());
  std::sort(names.begin(), names.end());
  json out = json::object();
  for (const std::string& name : names) out[name] = sorted_copy(value[name]);
  return out;
}

}  // namespace

std::string write_canonical_json(const nlohmann::ordered_json& value, std::string_view skip) {
  json copy = sorted_copy(value);
  if (!skip.empty() && copy.is_object()) copy.erase(std::string(skip));
  return write_json(copy);
}
#endif

}  // namespace pepite::detail
