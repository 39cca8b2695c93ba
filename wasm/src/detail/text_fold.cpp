#include "detail/text_fold.hpp"

#include "detail/text_utf8.hpp"

namespace pepite::detail {

namespace {

constexpr char32_t k_removed = 0xFFFFFFFF;

bool invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

// What a code point becomes: itself, an ASCII character, or k_removed.
char32_t fold(char32_t cp) {
  if (cp < 0xAD) return cp;
  if (invisible(cp)) return k_removed;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return cp - 0xFEE0;                  // fullwidth ASCII
  if (cp == 0x3000) return ' ';                                          // ideographic space
  if (cp == 0xFE6B) return '@';                                          // small commercial at
  if (cp == 0xFE52) return '.';                                          // small full stop
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) return '0' + (cp - 0x1D7CE) % 10;  // mathematical digits
  return cp;
}

}  // namespace

folded_text fold_for_detection(std::string_view s) {
  folded_text f;
  const std::size_t n = s.size();
  std::size_t i = 0;
  // Most texts have nothing to fold: find the first code point that changes, if any.
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) continue;
    const utf8_char u = utf8_at(s, i);
    if (fold(u.cp) != u.cp) break;
    i += u.len - 1;
  }
  if (i >= n) return f;
  f.changed = true;
  f.text.reserve(n);
  f.origin.reserve(n + 1);
  f.text.append(s.data(), i);
  for (std::size_t k = 0; k < i; ++k) f.origin.push_back(static_cast<std::uint32_t>(k));
  // An invisible character between two digits reads as a space: "06\u00AD12" is two groups of a
  // number, as "06 12" (issue 18), not one group "0612" that no phone or card grouping matches.
  std::size_t gap = n;
  const auto digit = [](char32_t cp) { return cp >= '0' && cp <= '9'; };
  while (i < n) {
    const utf8_char u = utf8_at(s, i);
    const char32_t to = fold(u.cp);
    if (to == k_removed) {
      if (gap == n) gap = i;
      i += u.len;
      continue;
    }
    if (gap != n && digit(to) && !f.text.empty() &&
        digit(static_cast<unsigned char>(f.text.back()))) {
      f.text += ' ';
      f.origin.push_back(static_cast<std::uint32_t>(gap));
    }
    gap = n;
    if (to == u.cp) {
      f.text.append(s.data() + i, u.len);
      for (std::size_t k = 0; k < u.len; ++k) f.origin.push_back(static_cast<std::uint32_t>(i));
    } else {
      utf8_append(f.text, to);
      f.origin.resize(f.text.size(), static_cast<std::uint32_t>(i));
    }
    i += u.len;
  }
  f.origin.push_back(static_cast<std::uint32_t>(n));
  return f;
}

}  // namespace pepite::detail
