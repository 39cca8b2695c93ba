// UTF-8 decoding, sanitising and accent folding shared by redaction and topic tagging.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pepite::detail {

/// One decoded code point and the number of bytes it took. Invalid or truncated sequences
/// decode as U+FFFD over exactly one byte, so a scan always moves forward.
struct utf8_char {
  char32_t cp;
  std::size_t len;
};

/// Decodes the code point starting at byte `i` of `s` (`i < s.size()`).
utf8_char utf8_at(std::string_view s, std::size_t i);

/// Same on a raw buffer of `n` bytes; ASCII is decoded inline (the wasm build is -Oz, which
/// inlines almost nothing, so hot loops work on pointers rather than string accessors).
utf8_char utf8_at_slow(const char* p, std::size_t n, std::size_t i);
inline utf8_char utf8_at(const char* p, std::size_t n, std::size_t i) {
  const auto b = static_cast<unsigned char>(p[i]);
  return b < 0x80 ? utf8_char{b, 1} : utf8_at_slow(p, n, i);
}

/// The code point ending just before byte `i` (0 when `i == 0`), and its start in `start`.
char32_t utf8_before(std::string_view s, std::size_t i, std::size_t* start = nullptr);

/// Appends `cp` encoded as UTF-8.
void utf8_append(std::string& out, char32_t cp);

/// Copies `s` with every invalid sequence replaced by U+FFFD (output is always valid UTF-8).
void utf8_sanitize_append(std::string& out, std::string_view s);

/// Spaces, including the no-break spaces French puts in numbers (U+00A0, U+202F, U+2009…).
bool is_space_cp(char32_t cp);

/// Letters: ASCII, Latin-1, Latin Extended and any other alphabetic-looking code point above
/// U+00FF outside the punctuation/symbol blocks (good enough to find word edges).
bool is_letter_cp(char32_t cp);

inline bool is_digit_cp(char32_t cp) {
  return cp >= '0' && cp <= '9';
}
inline bool is_word_cp(char32_t cp) {
  return is_letter_cp(cp) || is_digit_cp(cp);
}

/// Apostrophes: ASCII ', and the typographic ’ ‘ ʼ ′.
bool is_apostrophe_cp(char32_t cp);

/// Appends the folded form of a letter or digit: lower case, accents removed (é → e, œ → oe,
/// ß → ss). Other code points above Latin Extended-A are appended unchanged (lower-cased when
/// ASCII). Returns false (appending nothing) for non-letters.
bool fold_append(std::string& out, char32_t cp);

/// True for an ASCII or Latin upper-case letter (used to spot SHOUTING and proper nouns).
bool is_upper_cp(char32_t cp);

}  // namespace pepite::detail
