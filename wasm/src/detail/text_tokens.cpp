// Word tokens of a UTF-8 comment with their byte spans and folded (lower-case, unaccented) form.
#include "detail/text_tokens.hpp"

#include "detail/text_utf8.hpp"

namespace pepite::detail {

std::uint32_t fnv1a(const char* p, std::size_t n) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 16777619u;
  return h;
}

word_list::word_list(std::string_view list) {
  std::size_t count = 1;
  for (char c : list) count += c == '|';
  std::size_t cap = 8;
  while (cap < count * 2) cap *= 2;
  words_.assign(cap, std::string_view());
  hashes_.assign(cap, 0);
  std::size_t p = 0;
  while (p <= list.size()) {
    std::size_t q = list.find('|', p);
    if (q == std::string_view::npos) q = list.size();
    const std::string_view w = list.substr(p, q - p);
    p = q + 1;
    if (w.empty()) continue;
    const std::uint32_t h = fnv1a(w.data(), w.size());
    std::size_t i = h & (cap - 1);
    while (!words_[i].empty()) i = (i + 1) & (cap - 1);
    words_[i] = w;
    hashes_[i] = h;
  }
}

bool word_list::contains(std::string_view word) const {
  const char* p = word.data();
  const std::size_t n = word.size();
  if (n == 0) return false;
  const std::uint32_t h = fnv1a(p, n);
  const std::size_t mask = words_.size() - 1;
  const std::string_view* words = words_.data();
  const std::uint32_t* hashes = hashes_.data();
  for (std::size_t i = h & mask; !words[i].empty(); i = (i + 1) & mask) {
    if (hashes[i] == h && words[i] == word) return true;
  }
  return false;
}

std::vector<text_token> tokenize(std::string_view s, std::size_t max_tokens) {
  std::vector<text_token> out;
  out.reserve(std::min(max_tokens, s.size() / 4 + 4));
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  bool space = true;
  bool newline = false;
  while (i < n && out.size() < max_tokens) {
    const utf8_char c = utf8_at(p, n, i);
    if (is_space_cp(c.cp) || c.cp < 0x20 || c.cp == 0xFFFD || c.cp == 0x200B || c.cp == 0xFEFF) {
      space = true;
      if (c.cp == '\n' || c.cp == '\r' || c.cp == 0x2028 || c.cp == 0x2029) newline = true;
      i += c.len;
      continue;
    }
    text_token t;
    t.begin = i;
    t.space_before = space;
    t.newline_before = newline;
    if (is_word_cp(c.cp)) {
      t.kind = is_digit_cp(c.cp) ? text_token::number : text_token::word;
      std::size_t j = i;
      while (j < n) {
        // ASCII fast path (most of any comment): count the run, then append it in one go.
        std::size_t k = j;
        while (k < n) {
          const auto b = static_cast<unsigned char>(p[k]);
          if (b >= '0' && b <= '9') {
            ++t.digits;
          } else if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') {
            ++t.letters;
            if (b <= 'Z') {
              ++t.uppers;
              if (t.letters == 1) t.capitalised = true;
            }
          } else {
            break;
          }
          ++k;
        }
        if (k > j) {
          const std::size_t at = t.folded.size();
          t.folded.append(p + j, k - j);
          char* f = &t.folded[0] + at;
          for (std::size_t q = 0; q < k - j; ++q) {
            if (f[q] >= 'A' && f[q] <= 'Z') f[q] = static_cast<char>(f[q] + 32);
          }
          j = k;
          continue;
        }
        const utf8_char d = utf8_at(p, n, j);
        if (!is_word_cp(d.cp)) break;
        if (is_digit_cp(d.cp)) {
          ++t.digits;
        } else {
          ++t.letters;
          if (is_upper_cp(d.cp)) {
            ++t.uppers;
            if (t.letters == 1) t.capitalised = true;
          }
        }
        fold_append(t.folded, d.cp);
        j += d.len;
      }
      t.end = j;
    } else {
      t.kind = text_token::punct;
      t.end = i + c.len;
      if (is_apostrophe_cp(c.cp)) {
        t.folded = "'";
      } else if (c.cp == 0x2010 || c.cp == 0x2011 || c.cp == 0x2013 || c.cp == 0x2014) {
        t.folded = "-";
      } else {
        t.folded.assign(s.data() + i, c.len);
      }
    }
    out.push_back(std::move(t));
    i = out.back().end;
    space = false;
    newline = false;
  }
  return out;
}

}  // namespace pepite::detail
