// Word tokens of a UTF-8 comment with their byte spans and folded (lower-case, unaccented) form.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pepite::detail {

/// One token: a run of letters and digits (`word`, or `number` when it starts with a digit) or
/// a single punctuation code point (`punct`, apostrophes and dashes included). Spaces separate
/// tokens and are not tokens.
struct text_token {
  enum kind_t { word, number, punct };
  std::size_t begin = 0;  ///< byte offset of the first byte
  std::size_t end = 0;    ///< byte offset past the last byte
  kind_t kind = punct;
  std::string folded;  ///< lower-case, accents removed; for punct, the folded char ("'" for ’)
  bool capitalised = false;     ///< first letter upper-case
  int letters = 0;              ///< letters in the token
  int uppers = 0;               ///< upper-case letters in the token
  int digits = 0;               ///< ASCII digits in the token
  bool space_before = false;    ///< a space (or the start of text) precedes it
  bool newline_before = false;  ///< a line break precedes it
};

/// A fixed set of words from a '|'-separated literal ("rue|avenue|bd"), looked up by hash (one
/// probe, no string comparison unless the hash matches). The literal must outlive the set (use
/// string literals with static storage).
class word_list {
 public:
  explicit word_list(std::string_view bar_separated);
  bool contains(std::string_view word) const;

 private:
  std::vector<std::string_view> words_;  // open addressing; empty view = free slot
  std::vector<std::uint32_t> hashes_;
};

/// FNV-1a hash of `n` bytes at `p`.
std::uint32_t fnv1a(const char* p, std::size_t n);

/// Splits `s` into tokens, stopping after `max_tokens` (bounds the work on huge inputs).
std::vector<text_token> tokenize(std::string_view s, std::size_t max_tokens = 4096);

}  // namespace pepite::detail
