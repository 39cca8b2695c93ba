// UTF-8 decoding, sanitising and accent folding shared by redaction and topic tagging.
#include "detail/text_utf8.hpp"

namespace pepite::detail {

namespace {

// Folded forms of U+00C0..U+017F: a letter, '0' for a non-letter (× ÷), '1' for "ae",
// '2' for "oe", '3' for "ss". Generated once from Unicode decompositions.
constexpr char k_fold_latin[] =
    "aaaaaa1ceeeeiiiidnooooo0ouuuuyt3aaaaaa1ceeeeiiiidnooooo0ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnnnnnoooooo22rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

}  // namespace

utf8_char utf8_at(std::string_view s, std::size_t i) {
  return utf8_at(s.data(), s.size(), i);
}

utf8_char utf8_at_slow(const char* s, std::size_t size, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  std::size_t len = 0;
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return {0xFFFD, 1};
  }
  if (i + len > size) return {0xFFFD, 1};
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and code points past U+10FFFF are invalid.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {0xFFFD, 1};
  }
  return {cp, len};
}

char32_t utf8_before(std::string_view s, std::size_t i, std::size_t* start) {
  if (i == 0 || i > s.size()) {
    if (start) *start = 0;
    return 0;
  }
  std::size_t j = i - 1;
  // Step back over at most three continuation bytes to a lead byte.
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80; ++k) --j;
  utf8_char c = utf8_at(s, j);
  if (j + c.len != i) {
    // Not a well-formed sequence ending at i: treat the last byte alone.
    j = i - 1;
    c = utf8_at(s, j);
  }
  if (start) *start = j;
  return c.cp;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void utf8_sanitize_append(std::string& out, std::string_view s) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t run = 0;  // start of the current run of valid bytes, appended in one go
  std::size_t i = 0;
  while (i < n) {
    const utf8_char c = utf8_at(p, n, i);
    if (c.cp == 0xFFFD && c.len == 1 && static_cast<unsigned char>(p[i]) >= 0x80) {
      out.append(p + run, i - run);
      out.append("\xEF\xBF\xBD");
      run = i + 1;
    }
    i += c.len;
  }
  out.append(p + run, n - run);
}

bool is_space_cp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool is_letter_cp(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp < 0x2000) return true;   // Latin, Greek, Cyrillic, Arabic, Hebrew, Indic…
  if (cp < 0x2C00) return false;  // punctuation, symbols, arrows, math, boxes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if (cp == 0xFFFD || (cp >= 0xFE00 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20)) {
    return false;
  }
  if (cp >= 0x1F000) return false;  // emoji and pictographs
  return true;
}

bool is_apostrophe_cp(char32_t cp) {
  return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032;
}

bool fold_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') {
      out += static_cast<char>(cp - 'A' + 'a');
      return true;
    }
    if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      out += static_cast<char>(cp);
      return true;
    }
    return false;
  }
  if (!is_letter_cp(cp)) return false;
  if (cp >= 0xC0 && cp < 0x180) {
    const char f = k_fold_latin[cp - 0xC0];
    switch (f) {
      case '0':
        return false;
      case '1':
        out += "ae";
        return true;
      case '2':
        out += "oe";
        return true;
      case '3':
        out += "ss";
        return true;
      default:
        out += f;
        return true;
    }
  }
  utf8_append(out, cp);
  return true;
}

bool is_upper_cp(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  return cp == 0x152 || cp == 0x178;  // Œ Ÿ (the other French capitals are Latin-1)
}

}  // namespace pepite::detail
