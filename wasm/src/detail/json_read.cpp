// The core's JSON reader (see json_read.hpp): a recursive descent over the text, bounded depth.
#include "detail/json_read.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "detail/decimal_to_double.hpp"
#include "detail/text_utf8.hpp"

namespace pepite::detail {

namespace {

using json = nlohmann::ordered_json;

// Powers of ten a double holds exactly (10^22 is the last one below 2^53 * 2^22).
constexpr double k_exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

class reader {
 public:
  explicit reader(std::string_view text) : s_(text) {}

  bool duplicate_key = false;  ///< the text failed on a name repeated in one object

  bool document(json& out) {
    // nlohmann skips a UTF-8 byte order mark at the very start, and so do we.
    if (s_.size() >= 3 && static_cast<unsigned char>(s_[0]) == 0xEF &&
        static_cast<unsigned char>(s_[1]) == 0xBB && static_cast<unsigned char>(s_[2]) == 0xBF) {
      i_ = 3;
    }
    skip_space();
    if (!value(out, 0)) return false;
    skip_space();
    return i_ == s_.size();
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;

  bool at_end() const { return i_ >= s_.size(); }
  unsigned char peek() const { return static_cast<unsigned char>(s_[i_]); }

  void skip_space() {
    while (!at_end()) {
      const char c = s_[i_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      ++i_;
    }
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool value(json& out, std::size_t depth) {
    if (at_end()) return false;
    switch (s_[i_]) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't':
        out = true;
        return literal("true");
      case 'f':
        out = false;
        return literal("false");
      case 'n':
        out = nullptr;
        return literal("null");
      default:
        return number(out);
    }
  }

  bool object(json& out, std::size_t depth) {
    if (depth > max_read_depth) return false;
    ++i_;  // '{'
    out = json::object();
    skip_space();
    if (!at_end() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      if (at_end() || s_[i_] != '"') return false;
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (at_end() || s_[i_] != ':') return false;
      ++i_;
      skip_space();
      json member;
      if (!value(member, depth)) return false;
      if (out.contains(key)) {
        duplicate_key = true;
        return false;
      }
      out.emplace(std::move(key), std::move(member));
      skip_space();
      if (at_end()) return false;
      if (s_[i_] == '}') {
        ++i_;
        return true;
      }
      if (s_[i_] != ',') return false;
      ++i_;
      skip_space();
    }
  }

  bool array(json& out, std::size_t depth) {
    if (depth > max_read_depth) return false;
    ++i_;  // '['
    out = json::array();
    skip_space();
    if (!at_end() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (;;) {
      json item;
      if (!value(item, depth)) return false;
      out.push_back(std::move(item));
      skip_space();
      if (at_end()) return false;
      if (s_[i_] == ']') {
        ++i_;
        return true;
      }
      if (s_[i_] != ',') return false;
      ++i_;
      skip_space();
    }
  }

  /// Four hex digits of a \u escape.
  bool hex4(std::uint32_t& out) {
    if (s_.size() - i_ < 4) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      std::uint32_t d = 0;
      if (c >= '0' && c <= '9') {
        d = static_cast<std::uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return false;
      }
      out = out * 16 + d;
    }
    return true;
  }

  bool escape(std::string& out) {
    if (at_end()) return false;
    const char c = s_[i_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        break;
      default:
        return false;
    }
    std::uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      std::uint32_t low = 0;
      if (s_.size() - i_ < 2 || s_[i_] != '\\' || s_[i_ + 1] != 'u') return false;
      i_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    utf8_append(out, static_cast<char32_t>(cp));
    return true;
  }

  /// One UTF-8 sequence of two to four bytes starting at i_ (RFC 3629: no overlong forms, no
  /// surrogates, nothing above U+10FFFF), copied to `out`.
  bool utf8(std::string& out) {
    const utf8_char c = utf8_at_slow(s_.data(), s_.size(), i_);
    if (c.len < 2) return false;
    out.append(s_.data() + i_, c.len);
    i_ += c.len;
    return true;
  }

  bool string(std::string& out) {
    ++i_;  // opening quote
    for (;;) {
      // Copy the plain run in one go.
      const std::size_t start = i_;
      while (!at_end()) {
        const unsigned char c = peek();
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++i_;
      }
      out.append(s_.data() + start, i_ - start);
      if (at_end()) return false;
      const unsigned char c = peek();
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        ++i_;
        if (!escape(out)) return false;
      } else if (c < 0x20) {
        return false;  // control characters must be escaped
      } else if (!utf8(out)) {
        return false;
      }
    }
  }

  bool digit() const { return !at_end() && s_[i_] >= '0' && s_[i_] <= '9'; }

  bool number(json& out) {
    const std::size_t start = i_;
    const bool negative = s_[i_] == '-';
    if (negative) ++i_;
    if (!digit()) return false;
    // Significant digits (at most 19 kept) and the decimal exponent they are scaled by.
    std::uint64_t mantissa = 0;
    int digits = 0;
    bool truncated = false;
    long exponent = 0;
    const auto take = [&](char c, bool fraction) {
      if (digits < 19) {
        if (mantissa != 0 || c != '0') ++digits;
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(c - '0');
        if (fraction) --exponent;
      } else {
        if (c != '0') truncated = true;
        if (!fraction) ++exponent;
      }
    };
    if (s_[i_] == '0') {
      ++i_;
      if (digit()) return false;  // no leading zeros
    } else {
      while (digit()) take(s_[i_++], false);
    }
    bool integral = true;
    if (!at_end() && s_[i_] == '.') {
      integral = false;
      ++i_;
      if (!digit()) return false;
      while (digit()) take(s_[i_++], true);
    }
    if (!at_end() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integral = false;
      ++i_;
      bool minus = false;
      if (!at_end() && (s_[i_] == '+' || s_[i_] == '-')) minus = s_[i_++] == '-';
      if (!digit()) return false;
      long e = 0;
      while (digit()) {
        if (e < 100000) {
          e = e * 10 + (s_[i_] - '0');
        } else {
          truncated = true;  // clamped: only the slow path, which reads the token again, is exact
        }
        ++i_;
      }
      exponent += minus ? -e : e;
    }
    const std::string_view token = s_.substr(start, i_ - start);
    if (integral && integer(token, negative, out)) return true;
    double result = 0;
    if (!truncated && mantissa < (std::uint64_t{1} << 53) && exponent >= -22 && exponent <= 22) {
      // Both operands exact, so one IEEE operation rounds correctly (the "fast path").
      const double m = static_cast<double>(mantissa);
      result = exponent < 0 ? m / k_exact_pow10[-exponent] : m * k_exact_pow10[exponent];
      if (negative) result = -result;
    } else if (mantissa == 0 && !truncated) {
      result = negative ? -0.0 : 0.0;
    } else {
      result = decimal_to_double(token);
    }
    if (!std::isfinite(result)) return false;  // nlohmann refuses an overflow too
    out = result;
    return true;
  }

  /// An integer token: int64 when negative, uint64 otherwise; false when it does not fit.
  static bool integer(std::string_view token, bool negative, json& out) {
    std::uint64_t v = 0;
    const std::uint64_t limit =
        negative ? std::uint64_t{1} << 63 : std::numeric_limits<std::uint64_t>::max();
    for (std::size_t k = negative ? 1 : 0; k < token.size(); ++k) {
      const auto d = static_cast<std::uint64_t>(token[k] - '0');
      if (v > (limit - d) / 10) return false;
      v = v * 10 + d;
    }
    if (negative) {
      out = v == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                          : -static_cast<std::int64_t>(v);
    } else {
      out = v;
    }
    return true;
  }
};

}  // namespace

json read_json(std::string_view text, read_failure* why) {
  json out;
  reader r(text);
  const bool ok = r.document(out);
  if (why != nullptr) {
    *why = ok                ? read_failure::none
           : r.duplicate_key ? read_failure::duplicate_key
                             : read_failure::syntax;
  }
  if (!ok) return json(json::value_t::discarded);
  return out;
}

}  // namespace pepite::detail
