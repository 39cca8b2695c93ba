// The core's JSON writer (see json_write.hpp).
#include "detail/json_write.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>

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

/// `sorted`: members of every object in byte order of their names (the canonical text), else in
/// document order. `skip`: a member of this object (not of nested ones) left out.
void write(std::string& out, const json& v, bool sorted, std::string_view skip = {}) {
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
        write(out, item, sorted);
      }
      out += ']';
      return;
    }
    case json::value_t::object: {
      // The members themselves (a vector of pairs): smaller code than iterators in the wasm.
      const auto& members = *v.get_ptr<const json::object_t*>();
      out += '{';
      bool first = true;
      const std::string* last = nullptr;  // sorted: the name written last
      for (const auto& item : members) {
        const auto* member = sorted ? nullptr : &item;
        if (sorted) {
          // The smallest name after `last`: quadratic, but objects have at most 100 members
          // (checked before parsing) and this needs no sort code in the wasm.
          for (const auto& candidate : members) {
            if ((last == nullptr || candidate.first > *last) &&
                (member == nullptr || candidate.first < member->first)) {
              member = &candidate;
            }
          }
          last = &member->first;
        }
        if (!skip.empty() && member->first == skip) continue;
        if (!first) out += ',';
        first = false;
        write_string(out, member->first);
        out += ':';
        write(out, member->second, sorted);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

std::string write_json(const nlohmann::ordered_json& value) {
  std::string out;
  write(out, value, false);
  return out;
}

std::string write_canonical_json(const nlohmann::ordered_json& value, std::string_view skip) {
  std::string out;
  write(out, value, true, skip);
  return out;
}

}  // namespace pepite::detail
