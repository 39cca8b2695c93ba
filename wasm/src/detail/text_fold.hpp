// The text redaction looks at: compatibility forms folded (NFKC-like) and invisible characters
// removed, with the offset in the original of every byte, so that spans found in the folded text
// replace the right bytes of the original (issue 18).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pepite::detail {

/// `text` is what the detectors read. `origin[i]` is where, in the original, the character that
/// gave byte `i` starts; `origin[text.size()]` is the original's size. When nothing needed
/// folding, `changed` is false and both are empty: read the original itself.
struct folded_text {
  bool changed = false;
  std::string text;
  std::vector<std::uint32_t> origin;
};

/// Folds what hides personal data from a scan: fullwidth forms (ＡＢＣ ０１２ ＠ ．) and
/// mathematical digits to ASCII, small and fullwidth spaces to ' ', small forms of '@' and '.';
/// zero-width and formatting characters (U+200B–U+200F, U+202A–U+202E, U+2060–U+2064,
/// U+2066–U+2069, U+FEFF, soft hyphen, Mongolian vowel separator) removed, or read as a space
/// between two digits.
folded_text fold_for_detection(std::string_view s);

}  // namespace pepite::detail
